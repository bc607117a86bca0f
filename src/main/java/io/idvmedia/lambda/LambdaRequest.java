package io.idvmedia.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.access.Caller;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.lifecycle.Instruction;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * One invocation, whichever way it came: an API Gateway HTTP API event (payload format 2.0, with path parameters,
 * query string and headers) or a direct invocation ({@code {"provider", "sessionId", "mediaId", "delivery",
 * "ttlSeconds", "view", "download"}}).
 */
final class LambdaRequest {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,10}");

    private final boolean apiGateway;
    private final JsonNode event;
    private final Caller caller;
    /** What the operation put on the audit line (an export's media ids, a hold's reason). */
    private final Map<String, Object> details;

    private LambdaRequest(boolean apiGateway, JsonNode event, Caller caller, Map<String, Object> details) {
        this.apiGateway = apiGateway;
        this.event = event;
        this.caller = caller;
        this.details = details;
    }

    static LambdaRequest of(JsonNode event) {
        boolean http = "2.0".equals(event.path("version").asText(null))
                && event.path("requestContext").path("http").isObject();
        return new LambdaRequest(http, event, null, new ConcurrentHashMap<>());
    }

    /** The same request, known to come from this caller (see {@code AuditEntry#caller}). */
    LambdaRequest from(Caller caller) {
        return new LambdaRequest(apiGateway, event, caller, details);
    }

    /** Records that an export put this media item in its ZIP (the audit line lists them). */
    @SuppressWarnings("unchecked")
    void contained(String mediaId) {
        ((List<String>) details.computeIfAbsent("mediaIds", k -> new CopyOnWriteArrayList<String>())).add(mediaId);
    }

    /** Puts something the operation did on the request's audit line. */
    void detail(String name, Object value) {
        details.put(name, value);
    }

    /** What the operation put on the audit line; empty when nothing. */
    Map<String, Object> details() {
        return details;
    }

    /** Who the request counts as for shares of the instance's work; known once the access gate let it through. */
    Caller caller() {
        if (caller == null) {
            throw new IllegalStateException("No access decision for this request");
        }
        return caller;
    }

    boolean apiGateway() {
        return apiGateway;
    }

    String provider() {
        return apiGateway ? text(event.path("pathParameters"), "provider") : text(event, "provider");
    }

    String sessionId() {
        return apiGateway ? text(event.path("pathParameters"), "sessionId") : text(event, "sessionId");
    }

    String mediaId() {
        return apiGateway ? text(event.path("pathParameters"), "mediaId") : text(event, "mediaId");
    }

    /** A query parameter of an HTTP event, or the same-named field of a direct one ({@code ttl} is ttlSeconds). */
    Optional<String> parameter(String name) {
        if (apiGateway) {
            return Optional.ofNullable(text(event.path("queryStringParameters"), name));
        }
        String field = name.equals("ttl") ? "ttlSeconds" : name;
        return Optional.ofNullable(text(event, field));
    }

    /** The caller's request id when it is a safe token, else API Gateway's, else the Lambda request id. */
    String requestId(String lambdaRequestId) {
        if (apiGateway) {
            String offered = header("x-request-id");
            if (offered != null && SAFE_ID.matcher(offered).matches()) {
                return offered;
            }
            String gateway = text(event.path("requestContext"), "requestId");
            if (gateway != null) {
                return gateway;
            }
        }
        return lambdaRequestId;
    }

    /** The API's public base, for stores whose URLs point back at the API; a placeholder for direct calls. */
    URI baseUri() {
        String domain = text(event.path("requestContext"), "domainName");
        return URI.create(apiGateway && domain != null ? "https://" + domain : "http://localhost");
    }

    /** The caller's address as API Gateway saw it; none for a direct invocation. */
    String sourceIp() {
        return apiGateway ? text(event.path("requestContext").path("http"), "sourceIp") : null;
    }

    /** The {@code Authorization} header of an HTTP event (header names are case-insensitive). */
    Optional<String> authorization() {
        return apiGateway ? Optional.ofNullable(header("authorization")) : Optional.empty();
    }

    /**
     * The caller's instruction for a delete: the {@code Idempotency-Key} header of an HTTP event, or the
     * {@code instructionId} member of a direct invocation; a new one when there is none.
     */
    Instruction instruction() {
        String id = apiGateway ? header(Instruction.HEADER.toLowerCase(Locale.ROOT)) : text(event, "instructionId");
        return Instruction.of(Optional.ofNullable(id), caller());
    }

    /** The HTTP method, for the log: only a plain token, so that nothing from the event can forge a log line. */
    String method() {
        if (!apiGateway) {
            return "INVOKE";
        }
        String method = text(event.path("requestContext").path("http"), "method");
        return method != null && METHOD.matcher(method).matches() ? method : "-";
    }

    /** The headers of an HTTP event, names in lower case; none for a direct invocation. */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiGateway) {
            event.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT),
                    h.getValue().asText()));
        }
        return headers;
    }

    /** The raw body of an HTTP event (API Gateway base64-encodes bodies it does not take for text). */
    byte[] body() {
        String body = text(event, "body");
        if (body == null) {
            return new byte[0];
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("The event's body is marked base64 but is not");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private String header(String name) {
        Iterator<Map.Entry<String, JsonNode>> headers = event.path("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> header = headers.next();
            if (header.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return header.getValue().asText();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
