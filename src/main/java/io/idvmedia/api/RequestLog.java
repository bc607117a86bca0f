package io.idvmedia.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Gives every HTTP request an id (the caller's {@code X-Request-Id} when it is a safe token, else a new one),
 * returns it in a header, and writes one log line when the response has really ended: method, operation,
 * status, duration, bytes sent, the provider's status, and whether the response completed. No path, query or
 * body is logged, so no id, secret or personal data reaches the log.
 */
@ApplicationScoped
public class RequestLog {

    public static final String HEADER = "X-Request-Id";
    static final String REQUEST_ID = "idv.requestId";
    static final String OPERATION = "idv.operation";
    static final String PROVIDER_STATUS = "idv.providerStatus";
    static final String ABORTED = "idv.aborted";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Logger LOG = Logger.getLogger("io.idvmedia.access");

    /** Runs before every route, REST or not (health, OpenAPI, unknown paths). */
    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::start);
    }

    private void start(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String offered = request.getHeader(HEADER);
        String id = offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        rc.put(REQUEST_ID, id);
        rc.response().putHeader(HEADER, id);
        long started = System.nanoTime();
        rc.addEndHandler(ended -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            Object operation = rc.get(OPERATION);
            Object providerStatus = rc.get(PROVIDER_STATUS);
            LOG.infof("requestId=%s method=%s operation=%s status=%d durationMs=%d bytesSent=%d providerStatus=%s"
                    + " outcome=%s", id, request.method(), operation == null ? "-" : operation,
                    rc.response().getStatusCode(), millis, rc.response().bytesWritten(),
                    providerStatus == null ? "-" : providerStatus,
                    ended.succeeded() && rc.get(ABORTED) == null ? "completed" : "aborted");
        });
        rc.next();
    }

    static String requestId(RoutingContext rc) {
        return rc == null ? null : rc.get(REQUEST_ID);
    }

    public static void operation(RoutingContext rc, String operation) {
        rc.put(OPERATION, operation);
    }

    /** Marks a response that failed after its head was sent; the connection is reset rather than ended. */
    static void abortedIfStarted(RoutingContext rc) {
        if (rc != null && rc.response().headWritten()) {
            rc.put(ABORTED, Boolean.TRUE);
        }
    }

    static void providerStatus(RoutingContext rc, int status) {
        rc.put(PROVIDER_STATUS, status);
    }
}
