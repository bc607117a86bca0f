package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.access.OperationName;
import io.idvmedia.lifecycle.DeleteMediaOperation;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** delete-media on Lambda: at the provider where it allows, and the staged copy. */
@Named(DeleteMediaHandler.NAME)
public class DeleteMediaHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "delete-media";

    private final LambdaAdapter adapter;
    private final DeleteMediaOperation operation;

    @Inject
    public DeleteMediaHandler(LambdaAdapter adapter, DeleteMediaOperation operation) {
        this.adapter = adapter;
        this.operation = operation;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return adapter.handle(OperationName.DELETE_MEDIA, event, context, request -> LambdaReply.Json.of(
                operation.execute(request.provider(), request.sessionId(), request.mediaId(),
                        request.instruction())));
    }
}
