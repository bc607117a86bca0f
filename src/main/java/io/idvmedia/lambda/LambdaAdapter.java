package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.api.Problem;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one adapter between Lambda events and operations: it reads the event (API Gateway HTTP API payload 2.0,
 * or a direct invocation), runs the operation, and answers in the event's own shape: an API Gateway response
 * with problem+json on failure, or the JSON body itself with {@code {"error": problem}} on failure. Writes one
 * access log line per invocation, without ids, bodies or secrets.
 */
@ApplicationScoped
public class LambdaAdapter {

    private static final Logger LOG = Logger.getLogger("io.idvmedia.access");

    private final ObjectMapper json;

    @Inject
    public LambdaAdapter(ObjectMapper json) {
        this.json = json;
    }

    /** Runs one operation for one event. */
    public Object handle(String operation, JsonNode event, Context context, Function<LambdaRequest, LambdaReply> run) {
        long started = System.nanoTime();
        LambdaRequest request = LambdaRequest.of(event == null ? json.createObjectNode() : event);
        String requestId = request.requestId(context == null ? UUID.randomUUID().toString()
                : context.getAwsRequestId());
        int status;
        Object answer;
        try {
            LambdaReply reply = run.apply(request);
            status = status(reply);
            answer = request.apiGateway() ? apiGateway(reply, requestId) : direct(reply);
        } catch (IdvException e) {
            status = e.type().status();
            if (status >= 500) {
                LOG.warnf("requestId=%s problem=%s detail=%s", requestId, e.type().uri(), e.getMessage());
            }
            answer = failure(request, e.type(), e.getMessage(), requestId, e.extensions(), e);
        } catch (RuntimeException e) {
            status = 500;
            LOG.errorf(e, "requestId=%s unexpected failure", requestId);
            answer = failure(request, ProblemType.INTERNAL, "An unexpected error occurred; quote request id "
                    + requestId, requestId, Map.of(), null);
        }
        LOG.infof("requestId=%s method=%s operation=%s status=%d durationMs=%d runtime=lambda event=%s", requestId,
                request.method(), operation, status, (System.nanoTime() - started) / 1_000_000,
                request.apiGateway() ? "api-gateway" : "direct");
        return answer;
    }

    private static int status(LambdaReply reply) {
        if (reply instanceof LambdaReply.Json j) {
            return j.status();
        }
        if (reply instanceof LambdaReply.Redirect) {
            return 303;
        }
        return reply instanceof LambdaReply.NoContent ? 204 : 200;
    }

    private Map<String, Object> apiGateway(LambdaReply reply, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", requestId);
        headers.put("Cache-Control", "no-store");
        if (reply instanceof LambdaReply.Json j) {
            headers.put("Content-Type", j.contentType());
            return response(j.status(), headers, j.raw() != null ? new String(j.raw(), StandardCharsets.UTF_8)
                    : write(j.body()), false);
        }
        if (reply instanceof LambdaReply.Inline inline) {
            headers.put("Content-Type", inline.contentType());
            headers.put("X-Content-Type-Options", "nosniff");
            if (inline.downloadName() != null) {
                headers.put("Content-Disposition", "attachment; filename=\"" + inline.downloadName() + "\"");
            }
            return response(200, headers, Base64.getEncoder().encodeToString(inline.bytes()), true);
        }
        if (reply instanceof LambdaReply.Redirect redirect) {
            headers.put("Location", redirect.location());
            return response(303, headers, "", false);
        }
        return response(204, headers, "", false);
    }

    private Object direct(LambdaReply reply) {
        if (reply instanceof LambdaReply.Json j) {
            if (j.raw() == null) {
                return j.body();
            }
            try {
                return json.readTree(j.raw());
            } catch (IOException e) {
                throw new IdvException(ProblemType.PROVIDER_BAD_RESPONSE, "The provider's document is not JSON", e);
            }
        }
        if (reply instanceof LambdaReply.Inline inline) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("contentType", inline.contentType());
            body.put("contentLength", inline.bytes().length);
            body.put("base64", Base64.getEncoder().encodeToString(inline.bytes()));
            return body;
        }
        if (reply instanceof LambdaReply.Redirect redirect) {
            return Map.of("location", redirect.location());
        }
        return Map.of("noContent", true);
    }

    private Object failure(LambdaRequest request, ProblemType type, String detail, String requestId,
            Map<String, Object> extensions, IdvException e) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, null, requestId, extensions);
        if (!request.apiGateway()) {
            ObjectNode error = json.createObjectNode();
            error.set("error", json.valueToTree(problem));
            return error;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", Problem.MEDIA_TYPE);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Request-Id", requestId);
        if (e != null) {
            e.retryAfter().ifPresent(d -> headers.put("Retry-After", String.valueOf(Math.max(1, d.toSeconds()))));
            headers.putAll(e.headers());
        }
        return response(type.status(), headers, write(problem), false);
    }

    private static Map<String, Object> response(int status, Map<String, String> headers, String body,
            boolean base64) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status);
        response.put("headers", headers);
        response.put("body", body);
        response.put("isBase64Encoded", base64);
        return response;
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a response body", e);
        }
    }
}
