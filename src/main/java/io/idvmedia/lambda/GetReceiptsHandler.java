package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.lifecycle.ReceiptsOperation;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * get-receipts on Lambda: a session's erasure receipts ({@code GET .../receipts}, behind a grant, or invoked directly
 * with {@code {"provider", "sessionId"}}), and the public JWK Set they verify with ({@code GET
 * /v1/receipts/jwks.json}, public like any JWKS endpoint).
 */
@Named(GetReceiptsHandler.NAME)
public class GetReceiptsHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "get-receipts";
    static final String JWKS_PATH = "/v1/receipts/jwks.json";

    private final LambdaAdapter adapter;
    private final ReceiptsOperation operation;
    private final ObjectMapper json;

    @Inject
    public GetReceiptsHandler(LambdaAdapter adapter, ReceiptsOperation operation, ObjectMapper json) {
        this.adapter = adapter;
        this.operation = operation;
        this.json = json;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        if (event != null && JWKS_PATH.equals(event.path("rawPath").asText(null))) {
            return adapter.handleAuthenticatedByOperation(OperationName.GET_RECEIPTS, event, context,
                    request -> LambdaReply.Json.of(jwks()));
        }
        return adapter.handle(OperationName.GET_RECEIPTS, event, context,
                request -> LambdaReply.Json.of(operation.list(request.provider(), request.sessionId())));
    }

    private JsonNode jwks() {
        try {
            return json.readTree(operation.jwks());
        } catch (JsonProcessingException e) {
            throw new IdvException(ProblemType.INTERNAL, "The receipt keys could not be served", e);
        }
    }
}
