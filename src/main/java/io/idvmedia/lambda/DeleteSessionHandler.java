package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.access.OperationName;
import io.idvmedia.lifecycle.DeleteSessionOperation;
import io.idvmedia.provider.DeletionScope;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** delete-session on Lambda: at the provider, and every staged copy. */
@Named(DeleteSessionHandler.NAME)
public class DeleteSessionHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "delete-session";

    private final LambdaAdapter adapter;
    private final DeleteSessionOperation operation;

    @Inject
    public DeleteSessionHandler(LambdaAdapter adapter, DeleteSessionOperation operation) {
        this.adapter = adapter;
        this.operation = operation;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return adapter.handle(OperationName.DELETE_SESSION, event, context,
                request -> LambdaReply.Json.of(operation.execute(request.provider(), request.sessionId(),
                        DeletionScope.parse(request.parameter("scope").orElse(null)), request.instruction())));
    }
}
