package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.access.GrantIssuer;
import io.idvmedia.access.GrantRequest;
import io.idvmedia.access.IssuedGrant;
import io.idvmedia.error.InvalidRequestException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * issue-grant, for the business's own cloud functions (direct invocation only; IAM decides who may invoke it):
 * {@code {"provider", "sessionIds", "operations", "subject", "ttlSeconds"}} in, {@code {"token", "expiresAt"}} out.
 */
@Named(IssueGrantHandler.NAME)
public class IssueGrantHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "issue-grant";

    private final LambdaAdapter adapter;
    private final GrantIssuer issuer;
    private final ObjectMapper json;

    @Inject
    public IssueGrantHandler(LambdaAdapter adapter, GrantIssuer issuer, ObjectMapper json) {
        this.adapter = adapter;
        this.issuer = issuer;
        this.json = json;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return adapter.handleDirect(NAME, event, context, input -> {
            IssuedGrant grant = issuer.issue(request(input));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("token", grant.token());
            answer.put("expiresAt", grant.expiresAt().toString());
            return answer;
        });
    }

    private GrantRequest request(JsonNode input) {
        if (!input.isObject()) {
            throw new InvalidRequestException("The event must be a JSON object: {provider, sessionIds, operations,"
                    + " subject, ttlSeconds}");
        }
        try {
            return json.treeToValue(input, GrantRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidRequestException("The event has a field of the wrong type: provider and subject are"
                    + " strings, sessionIds and operations arrays of strings, ttlSeconds a number");
        }
    }
}
