package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.access.Channel;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.webhook.ReceiveWebhookOperation;
import io.idvmedia.webhook.WebhookAck;
import io.idvmedia.webhook.WebhookRequest;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * receive-webhook on Lambda, behind the API's {@code POST /v1/{provider}/webhooks} route (no grant: the provider's
 * signature or token is checked by the operation before anything else). Only API Gateway events are served.
 */
@Named(ReceiveWebhookHandler.NAME)
public class ReceiveWebhookHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "receive-webhook";

    private final LambdaAdapter adapter;
    private final ReceiveWebhookOperation operation;

    @Inject
    public ReceiveWebhookHandler(LambdaAdapter adapter, ReceiveWebhookOperation operation) {
        this.adapter = adapter;
        this.operation = operation;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return adapter.handleAuthenticatedByOperation(OperationName.RECEIVE_WEBHOOK, event, context, request -> {
            if (!request.apiGateway()) {
                throw new InvalidRequestException("receive-webhook serves the API's webhook route only (an API"
                        + " Gateway HTTP API event)");
            }
            WebhookAck ack = operation.receive(new WebhookRequest(Channel.API_GATEWAY,
                    request.requestId(context == null ? "-" : context.getAwsRequestId()), request.sourceIp(),
                    request.provider(), request.headers(), request.body()));
            return LambdaReply.Json.of(ack);
        });
    }
}
