package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.access.AccessGate;
import io.idvmedia.access.AccessRequest;
import io.idvmedia.access.AuditEntry;
import io.idvmedia.access.AuditLog;
import io.idvmedia.access.Caller;
import io.idvmedia.access.Channel;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.error.ProblemAnswer;
import io.idvmedia.error.ProblemType;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.telemetry.Metrics;
import io.idvmedia.telemetry.OperationContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one adapter between Lambda events and operations: it reads the event (API Gateway HTTP API payload 2.0,
 * or a direct invocation), runs the operation, and answers in the event's own shape: an API Gateway response
 * with problem+json on failure, or the JSON body itself with {@code {"error": problem}} on failure. Before the
 * operation it runs the access gate: an API Gateway event needs a grant, a direct invocation was authorized by IAM.
 * Writes one access log line per invocation, without ids, bodies or secrets, and one audit line.
 */
@ApplicationScoped
public class LambdaAdapter {

    private static final Logger LOG = Logger.getLogger("io.idvmedia.access");
    private static final String PRIMING_EVENT = "{\"version\":\"2.0\",\"requestContext\":{\"requestId\":\"priming\","
            + "\"http\":{\"method\":\"GET\",\"sourceIp\":\"192.0.2.1\"}},\"headers\":{\"host\":\"api.example\"},"
            + "\"pathParameters\":{\"provider\":\"yoti\",\"sessionId\":\"00000000-0000-4000-8000-000000000000\"},"
            + "\"queryStringParameters\":{\"delivery\":\"url\"}}";

    private final ObjectMapper json;
    private final AccessGate gate;
    private final AuditLog audit;
    private final ProviderRegistry providers;
    private final Metrics metrics;

    @Inject
    public LambdaAdapter(ObjectMapper json, AccessGate gate, AuditLog audit, ProviderRegistry providers,
            Metrics metrics) {
        this.json = json;
        this.gate = gate;
        this.audit = audit;
        this.providers = providers;
        this.metrics = metrics;
    }

    /**
     * Reads a made-up API Gateway event and writes the two kinds of answer (a JSON body, a problem) without running
     * anything, so that a snapshot taken before the first request has the JSON machinery warm. No grant, secret,
     * provider or log is touched.
     *
     * @return the status of the problem written (401)
     */
    int prime() {
        try {
            LambdaRequest request = LambdaRequest.of(json.readTree(PRIMING_EVENT));
            request.requestId("priming");
            request.parameter("delivery");
            apiGateway(LambdaReply.Json.of(Map.of("provider", String.valueOf(request.provider()))), "priming");
            Object problem = failure(request, ProblemAnswer.of(new IdvException(ProblemType.GRANT_INVALID, "priming"),
                    "priming", null), "priming");
            return problem instanceof Map<?, ?> answer ? (Integer) answer.get("statusCode") : 0;
        } catch (IOException e) {
            throw new IllegalStateException("The priming event is not JSON", e);
        }
    }

    /** Runs one operation for one event, once the access gate has let it through. */
    public Object handle(OperationName operation, JsonNode event, Context context,
            Function<LambdaRequest, LambdaReply> run) {
        return handle(operation, event, context, run, true);
    }

    /**
     * Runs an operation that authenticates its caller itself, before anything else (receive-webhook: the provider's
     * signature or token), and writes its own audit line; answered and logged like every other.
     */
    public Object handleAuthenticatedByOperation(OperationName operation, JsonNode event, Context context,
            Function<LambdaRequest, LambdaReply> run) {
        return handle(operation, event, context, run, false);
    }

    private Object handle(OperationName operation, JsonNode event, Context context,
            Function<LambdaRequest, LambdaReply> run, boolean gated) {
        try (OperationContext.Scope ignored = OperationContext.enter(operation.id())) {
            return handleIn(operation, event, context, run, gated);
        }
    }

    private Object handleIn(OperationName operation, JsonNode event, Context context,
            Function<LambdaRequest, LambdaReply> run, boolean gated) {
        long started = System.nanoTime();
        LambdaRequest request = LambdaRequest.of(event == null ? json.createObjectNode() : event);
        String requestId = request.requestId(context == null ? UUID.randomUUID().toString()
                : context.getAwsRequestId());
        AccessRequest access = new AccessRequest(request.apiGateway() ? Channel.API_GATEWAY : Channel.DIRECT,
                operation, request.provider(), request.sessionId(), request.mediaId(), request.authorization(),
                request.sourceIp());
        boolean knownProvider = providers.knows(access.provider());
        AuditEntry entry = null;
        int status;
        Object answer;
        long bytes = 0;
        try {
            if (!request.apiGateway() && (event == null || !event.isObject())) {
                throw new InvalidRequestException("The event must be a JSON object: {\"provider\", \"sessionId\","
                        + " \"mediaId\", ...} for a direct invocation, or an API Gateway HTTP API (2.0) event");
            }
            if (gated) {
                AccessGate.Admission admission = gate.admit(requestId, access);
                entry = admission.entry();
                admission.orThrow();
            }
            LambdaReply reply = run.apply(request.from(entry != null ? entry.caller()
                    : new Caller(access.channel().id(), Optional.empty())));
            status = status(reply);
            if (request.apiGateway()) {
                Map<String, Object> response = apiGateway(reply, requestId);
                bytes = reply instanceof LambdaReply.Inline inline ? inline.bytes().length
                        : ((String) response.get("body")).getBytes(StandardCharsets.UTF_8).length;
                answer = response;
            } else {
                bytes = bytes(reply);
                answer = direct(reply);
            }
        } catch (RuntimeException e) {
            status = e instanceof IdvException idv ? idv.type().status() : 500;
            answer = failure(request, requestId, e);
        }
        if (entry != null) {
            audit.write(entry, status, bytes, false, request.details());
        }
        metrics.request(operation.id(), knownProvider ? access.provider() : null, status, bytes);
        LOG.infof("requestId=%s method=%s operation=%s status=%d durationMs=%d runtime=lambda event=%s", requestId,
                request.method(), operation.id(), status, (System.nanoTime() - started) / 1_000_000,
                access.channel().id());
        return answer;
    }

    /**
     * Runs a function that serves the business's backend only (issue-grant): direct invocations, which IAM has
     * authorized, get the JSON answer or {@code {"error": problem}}; an API Gateway event is refused (404) before
     * anything runs, since no route may expose it.
     */
    public Object handleDirect(String function, JsonNode event, Context context, Function<JsonNode, Object> run) {
        try (OperationContext.Scope ignored = OperationContext.enter(function)) {
            return handleDirectIn(function, event, context, run);
        }
    }

    private Object handleDirectIn(String function, JsonNode event, Context context, Function<JsonNode, Object> run) {
        long started = System.nanoTime();
        JsonNode input = event == null ? json.nullNode() : event;
        LambdaRequest request = LambdaRequest.of(input.isObject() ? input : json.createObjectNode());
        String requestId = request.requestId(context == null ? UUID.randomUUID().toString()
                : context.getAwsRequestId());
        int status = 200;
        Object answer;
        try {
            if (request.apiGateway()) {
                throw new IdvException(ProblemType.NOT_FOUND, function + " is invoked directly only; no route"
                        + " serves it");
            }
            answer = run.apply(input);
        } catch (RuntimeException e) {
            status = e instanceof IdvException idv ? idv.type().status() : 500;
            answer = failure(request, requestId, e);
        }
        metrics.request(function, null, status, 0);
        LOG.infof("requestId=%s method=%s operation=%s status=%d durationMs=%d runtime=lambda event=%s", requestId,
                request.method(), function, status, (System.nanoTime() - started) / 1_000_000,
                request.apiGateway() ? Channel.API_GATEWAY.id() : Channel.DIRECT.id());
        return answer;
    }

    /** A failure in the event's own shape, logged as the HTTP server logs it (problems from 500 up, and the rest). */
    private Object failure(LambdaRequest request, String requestId, RuntimeException e) {
        if (e instanceof IdvException idv) {
            if (idv.type().status() >= 500) {
                LOG.warnf("requestId=%s problem=%s detail=%s", requestId, idv.type().uri(), idv.getMessage());
            }
            return failure(request, ProblemAnswer.of(idv, requestId, null), requestId);
        }
        LOG.errorf(e, "requestId=%s unexpected failure", requestId);
        return failure(request, ProblemAnswer.unexpected(requestId, null), requestId);
    }

    /** The body bytes a direct reply carries: the media itself when inline, else the JSON document. */
    private long bytes(LambdaReply reply) {
        if (reply instanceof LambdaReply.Inline inline) {
            return inline.bytes().length;
        }
        if (reply instanceof LambdaReply.Json j) {
            return j.raw() != null ? j.raw().length : write(j.body()).getBytes(StandardCharsets.UTF_8).length;
        }
        return 0;
    }

    private static int status(LambdaReply reply) {
        if (reply instanceof LambdaReply.Json j) {
            return j.status();
        }
        if (reply instanceof LambdaReply.Redirect) {
            return 303;
        }
        if (reply instanceof LambdaReply.Accepted) {
            return 202;
        }
        return reply instanceof LambdaReply.NoContent ? 204 : 200;
    }

    private Map<String, Object> apiGateway(LambdaReply reply, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", requestId);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        if (reply instanceof LambdaReply.Json j) {
            headers.put("Content-Type", j.contentType());
            return response(j.status(), headers, j.raw() != null ? new String(j.raw(), StandardCharsets.UTF_8)
                    : write(j.body()), false);
        }
        if (reply instanceof LambdaReply.Inline inline) {
            headers.putAll(inline.served().headers(inline.downloadName()));
            return response(200, headers, Base64.getEncoder().encodeToString(inline.bytes()), true);
        }
        if (reply instanceof LambdaReply.Redirect redirect) {
            headers.put("Location", redirect.location());
            return response(303, headers, "", false);
        }
        if (reply instanceof LambdaReply.Accepted accepted) {
            headers.put("Content-Type", "application/json");
            headers.put("Retry-After", String.valueOf(accepted.retryAfterSeconds()));
            return response(202, headers, write(staging(accepted)), false);
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
        if (reply instanceof LambdaReply.Accepted accepted) {
            return staging(accepted);
        }
        return Map.of("noContent", true);
    }

    private static Map<String, Object> staging(LambdaReply.Accepted accepted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "staging");
        body.put("retryAfterSeconds", accepted.retryAfterSeconds());
        return body;
    }

    private Object failure(LambdaRequest request, ProblemAnswer answer, String requestId) {
        if (!request.apiGateway()) {
            ObjectNode error = json.createObjectNode();
            error.set("error", json.valueToTree(answer.problem()));
            return error;
        }
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Request-Id", requestId);
        return response(answer.status(), headers, write(answer.problem()), false);
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
