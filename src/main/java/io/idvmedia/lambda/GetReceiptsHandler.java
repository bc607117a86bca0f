package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.access.OperationName;
import io.idvmedia.lifecycle.ReceiptsOperation;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;

/**
 * get-receipts on Lambda: a session's erasure receipts ({@code GET .../receipts}, behind a grant, or invoked directly
 * with {@code {"provider", "sessionId"}}), and the public JWK Set they verify with ({@code GET
 * /v1/receipts/jwks.json}, public like any JWKS endpoint).
 */
@Named(GetReceiptsHandler.NAME)
public class GetReceiptsHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "get-receipts";
    static final String JWKS_PATH = "/v1/receipts/jwks.json";
    private static final String JWK_SET = "application/jwk-set+json";

    private final LambdaAdapter adapter;
    private final ReceiptsOperation operation;

    @Inject
    public GetReceiptsHandler(LambdaAdapter adapter, ReceiptsOperation operation) {
        this.adapter = adapter;
        this.operation = operation;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        if (event != null && JWKS_PATH.equals(event.path("rawPath").asText(null))) {
            return adapter.handleAuthenticatedByOperation(OperationName.GET_RECEIPTS, event, context,
                    request -> new LambdaReply.Json(200, null, operation.jwks().getBytes(StandardCharsets.UTF_8),
                            JWK_SET));
        }
        return adapter.handle(OperationName.GET_RECEIPTS, event, context,
                request -> LambdaReply.Json.of(operation.list(request.provider(), request.sessionId())));
    }
}
