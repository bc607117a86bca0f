package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.access.OperationName;
import io.idvmedia.operation.ListMediaOperation;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** list-media on Lambda. */
@Named(ListMediaHandler.NAME)
public class ListMediaHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "list-media";

    private final LambdaAdapter adapter;
    private final ListMediaOperation operation;

    @Inject
    public ListMediaHandler(LambdaAdapter adapter, ListMediaOperation operation) {
        this.adapter = adapter;
        this.operation = operation;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return adapter.handle(OperationName.LIST_MEDIA, event, context,
                request -> LambdaReply.Json.of(operation.execute(request.provider(), request.sessionId())));
    }
}
