package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.lifecycle.RetentionPurge;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * purge-expired: one purge run of retention, invoked by its EventBridge schedule (or directly, by whoever IAM allows);
 * answers the run's report. No route serves it.
 */
@Named(PurgeExpiredHandler.NAME)
public class PurgeExpiredHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "purge-expired";

    private final LambdaAdapter adapter;
    private final RetentionPurge purge;

    @Inject
    public PurgeExpiredHandler(LambdaAdapter adapter, RetentionPurge purge) {
        this.adapter = adapter;
        this.purge = purge;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return adapter.handleDirect(NAME, event, context, input -> purge.run());
    }
}
