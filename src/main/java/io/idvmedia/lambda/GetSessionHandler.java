package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.access.OperationName;
import io.idvmedia.operation.GetSessionOperation;
import io.idvmedia.operation.SessionView;
import io.idvmedia.provider.SessionDocument;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** get-session on Lambda: the provider's JSON byte for byte, or {@code view=summary}. */
@Named(GetSessionHandler.NAME)
public class GetSessionHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "get-session";

    private final LambdaAdapter adapter;
    private final GetSessionOperation operation;

    @Inject
    public GetSessionHandler(LambdaAdapter adapter, GetSessionOperation operation) {
        this.adapter = adapter;
        this.operation = operation;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return adapter.handle(OperationName.GET_SESSION, event, context, request -> {
            if (SessionView.parse(request.parameter("view").orElse(null)) == SessionView.SUMMARY) {
                return LambdaReply.Json.of(operation.summary(request.provider(), request.sessionId()));
            }
            SessionDocument document = operation.document(request.provider(), request.sessionId());
            return new LambdaReply.Json(200, null, document.json(), document.contentType());
        });
    }
}
