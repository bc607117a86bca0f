package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.lifecycle.HoldOperation;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * hold on Lambda: a session's legal hold placed ({@code PUT .../hold}), read ({@code GET}) or released
 * ({@code DELETE}) through API Gateway, or invoked directly with {@code {"provider", "sessionId", "action":
 * "place"|"read"|"release", "reason", "reference"}}.
 */
@Named(HoldHandler.NAME)
public class HoldHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "hold";

    private final LambdaAdapter adapter;
    private final HoldOperation operation;
    private final ObjectMapper json;

    @Inject
    public HoldHandler(LambdaAdapter adapter, HoldOperation operation, ObjectMapper json) {
        this.adapter = adapter;
        this.operation = operation;
        this.json = json;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return adapter.handle(OperationName.HOLD, event, context, request -> LambdaReply.Json.of(
                switch (action(request, event)) {
                    case "place" -> operation.place(request.provider(), request.sessionId(), body(request, event),
                            request.caller(), request::detail);
                    case "release" -> operation.release(request.provider(), request.sessionId());
                    default -> operation.read(request.provider(), request.sessionId());
                }));
    }

    private static String action(LambdaRequest request, JsonNode event) {
        if (request.apiGateway()) {
            return switch (request.method()) {
                case "PUT" -> "place";
                case "DELETE" -> "release";
                case "GET" -> "read";
                default -> throw new InvalidRequestException("A hold is placed with PUT, read with GET and released"
                        + " with DELETE");
            };
        }
        String action = event.path("action").asText("read");
        if (!action.equals("place") && !action.equals("read") && !action.equals("release")) {
            throw new InvalidRequestException("action must be place, read or release");
        }
        return action;
    }

    /** The hold's JSON: the event's body through API Gateway; its reason and reference when invoked directly. */
    private byte[] body(LambdaRequest request, JsonNode event) {
        if (request.apiGateway()) {
            return request.body();
        }
        ObjectNode hold = json.createObjectNode();
        for (String member : new String[] {"reason", "reference"}) {
            if (event.has(member)) {
                hold.set(member, event.get(member));
            }
        }
        try {
            return json.writeValueAsBytes(hold);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("The hold's reason and reference must be text");
        }
    }
}
