package io.idvmedia.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A problem as both adapters answer it: the problem+json body and the headers that go with it ({@code Content-Type},
 * {@code Cache-Control: no-store}, {@code Retry-After} when the problem says when to retry, and any headers of its
 * own). Details come from this application's own exception messages only, never from what a caller sent.
 *
 * @param problem the body
 * @param headers the headers, in the order they are written
 */
public record ProblemAnswer(Problem problem, Map<String, String> headers) {

    /** An exception of this application's hierarchy. */
    public static ProblemAnswer of(IdvException e, String requestId, String instance) {
        ProblemType type = e.type();
        Map<String, String> headers = baseHeaders();
        e.retryAfter().ifPresent(delay -> headers.put("Retry-After", String.valueOf(Math.max(1, delay.toSeconds()))));
        headers.putAll(e.headers());
        return new ProblemAnswer(new Problem(type.uri(), type.title(), type.status(), e.getMessage(), instance,
                requestId, e.extensions()), headers);
    }

    /** A problem the framework raised (no route, a method not allowed, a request it could not read). */
    public static ProblemAnswer of(String type, String title, int status, String detail, String requestId,
            String instance) {
        return new ProblemAnswer(new Problem(type, title, status, detail, instance, requestId, Map.of()),
                baseHeaders());
    }

    /** Anything unexpected: a bare 500 whose cause goes to the log under the request id, never to the caller. */
    public static ProblemAnswer unexpected(String requestId, String instance) {
        ProblemType type = ProblemType.INTERNAL;
        return of(type.uri(), type.title(), type.status(), "An unexpected error occurred; quote request id "
                + requestId, requestId, instance);
    }

    public int status() {
        return problem.status();
    }

    private static Map<String, String> baseHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", Problem.MEDIA_TYPE);
        headers.put("Cache-Control", "no-store");
        return headers;
    }
}
