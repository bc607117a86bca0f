package io.idvmedia.api;

import io.idvmedia.access.AuditEntry;
import io.idvmedia.access.AuditLog;
import io.idvmedia.access.Caller;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.ProblemAnswer;
import io.idvmedia.error.ProblemType;
import io.idvmedia.telemetry.Metrics;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Gives every HTTP request an id (the caller's {@code X-Request-Id} when it is a safe token, else a new one),
 * returns it in a header, and writes one log line when the response has really ended: method, operation,
 * status, duration, bytes sent, the provider's status, media bytes read from the provider, and whether the response
 * completed. No path, query or
 * body is logged, so no id, secret or personal data reaches the log. A guarded route's audit line (see
 * {@link AuditLog}) is written at the same moment, with the same status, bytes and outcome.
 */
@ApplicationScoped
public class RequestLog {

    public static final String HEADER = "X-Request-Id";
    static final String REQUEST_ID = "idv.requestId";
    static final String OPERATION = "idv.operation";
    static final String PROVIDER_STATUS = "idv.providerStatus";
    static final String PROVIDER_BYTES = "idv.providerBytes";
    static final String ABORTED = "idv.aborted";
    static final String AUDIT = "idv.audit";
    static final String DETAILS = "idv.auditDetails";
    private static final long CLOSE_WAIT_MILLIS = 1000;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Logger LOG = Logger.getLogger("io.idvmedia.access");

    private final AuditLog audit;
    private final Metrics metrics;

    @Inject
    public RequestLog(AuditLog audit, Metrics metrics) {
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Runs before every route, REST or not (health, OpenAPI, unknown paths). */
    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::start).failureHandler(RequestLog::failed);
    }

    /**
     * Failures that no exception mapper answered (the framework's own): logged by path alone, never with the query
     * string (which may hold a signed URL's signature), and answered as a bare problem.
     */
    private static void failed(RoutingContext rc) {
        int status = rc.statusCode() >= 400 ? rc.statusCode() : 500;
        Throwable failure = rc.failure();
        LOG.warnf("requestId=%s method=%s path=%s failed with %d%s", requestId(rc), rc.request().method(),
                rc.normalizedPath(), status, failure == null ? "" : " (" + failure.getClass().getSimpleName() + ")");
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        ProblemType type = status >= 500 ? ProblemType.INTERNAL : ProblemType.INVALID_REQUEST;
        endWithProblem(rc, type.uri(), "HTTP " + status, status, "The request could not be processed; quote request"
                + " id " + requestId(rc));
    }

    /** Answers a problem from a route handler, outside the REST layer and its exception mappers. */
    static void endWithProblem(RoutingContext rc, String type, String title, int status, String detail) {
        ProblemAnswer answer = ProblemAnswer.of(type, title, status, detail, requestId(rc), null);
        answer.headers().forEach(rc.response()::putHeader);
        rc.response().setStatusCode(status).end(Json.encode(answer.problem()));
    }

    private void start(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String offered = request.getHeader(HEADER);
        String id = offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        rc.put(REQUEST_ID, id);
        rc.response().putHeader(HEADER, id);
        // Nothing this API answers is to be sniffed into another type, whatever route or error produced it.
        rc.response().putHeader("X-Content-Type-Options", "nosniff");
        long started = System.nanoTime();
        rc.addEndHandler(ended -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            Object operation = rc.get(OPERATION);
            Object providerStatus = rc.get(PROVIDER_STATUS);
            Object providerBytes = rc.get(PROVIDER_BYTES);
            boolean aborted = !ended.succeeded() || rc.get(ABORTED) != null
                    || request.method() != HttpMethod.HEAD && shortOfItsLength(rc.response());
            AuditEntry entry = rc.get(AUDIT);
            if (entry != null) {
                audit.write(entry, rc.response().getStatusCode(), rc.response().bytesWritten(), aborted,
                        rc.get(DETAILS));
            }
            LOG.infof("requestId=%s method=%s operation=%s status=%d durationMs=%d bytesSent=%d providerStatus=%s"
                    + " providerBytes=%s outcome=%s", id, request.method(), operation == null ? "-" : operation,
                    rc.response().getStatusCode(), millis, rc.response().bytesWritten(),
                    providerStatus == null ? "-" : providerStatus, providerBytes == null ? "-" : providerBytes,
                    aborted ? "aborted" : "completed");
            // After the access line: nothing a metric does may cost the record of the request.
            if (operation != null && OperationName.isOperation(operation.toString())) {
                metrics.request(operation.toString(), entry == null ? null : entry.provider(),
                        rc.response().getStatusCode(), rc.response().bytesWritten());
            }
        });
        rc.next();
    }

    /** Whether fewer body bytes went out than the response's Content-Length promised. */
    private static boolean shortOfItsLength(HttpServerResponse response) {
        String declared = response.headers().get("Content-Length");
        if (declared == null || response.getStatusCode() == 204 || response.getStatusCode() == 304) {
            return false;
        }
        try {
            return response.bytesWritten() < Long.parseLong(declared);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String requestId(RoutingContext rc) {
        return rc == null ? null : rc.get(REQUEST_ID);
    }

    public static void operation(RoutingContext rc, String operation) {
        rc.put(OPERATION, operation);
    }

    /**
     * Who the request counts as for shares of the instance's work (see {@link AuditEntry#caller}): known once the
     * access gate has let the request through.
     */
    static Caller caller(RoutingContext rc) {
        AuditEntry entry = rc.get(AUDIT);
        if (entry == null) {
            throw new IllegalStateException("No access decision for this request");
        }
        return entry.caller();
    }

    /**
     * Records that the request is answering an export, whose audit line lists the media ids it put in its ZIP; the
     * returned consumer records each one as it is written.
     */
    static Consumer<String> exporting(RoutingContext rc) {
        List<String> contents = new CopyOnWriteArrayList<>();
        // On the line once the request has put a media item in an export (a URL to an export staged before lists
        // none: the request or job that built it did).
        return mediaId -> {
            if (contents.isEmpty()) {
                auditDetail(rc, "mediaIds", contents);
            }
            contents.add(mediaId);
        };
    }

    /** Puts something the operation did on the request's audit line (a hold's reason, say). */
    static void auditDetail(RoutingContext rc, String name, Object value) {
        Map<String, Object> details = rc.get(DETAILS);
        if (details == null) {
            details = new ConcurrentHashMap<>();
            rc.put(DETAILS, details);
        }
        details.put(name, value);
    }

    /** The audit entry of a guarded route, completed and written when the response has ended. */
    static void audit(RoutingContext rc, AuditEntry entry) {
        rc.put(AUDIT, entry);
    }

    /**
     * A response that fails after its head was sent can no longer become a problem: whatever the framework would
     * write next (the problem JSON, the last chunk) would reach the caller as the end of the body, so a truncated or
     * spliced body would look complete. The connection is dropped instead, so the caller sees a broken transfer, and
     * the log line says {@code outcome=aborted}.
     *
     * @return whether the response had started, and so was aborted
     */
    static boolean abortIfStarted(RoutingContext rc) {
        if (rc != null && rc.response().headWritten()) {
            drop(rc);
            return true;
        }
        return false;
    }

    /** Drops the caller's connection at once, whatever the response has sent, and marks the response aborted. */
    static void drop(RoutingContext rc) {
        rc.put(ABORTED, Boolean.TRUE);
        // Vert.x closes an HTTP/1.x connection only after the response in flight has ended, which is exactly what
        // must not happen; and its channel handler holds a close back until what is queued has been flushed, which a
        // caller that stopped reading never allows. The socket is closed below those handlers instead, and a thread
        // other than the event loop waits until it is: a close merely scheduled still lost the race, now and then,
        // to the framework writing the problem and the last chunk after it. (The event loop must not block.)
        HttpConnection connection = rc.request().connection();
        if (connection instanceof ConnectionBase base) {
            ChannelHandlerContext first = base.channel().pipeline().firstContext();
            ChannelFuture closed = first == null ? base.channel().close() : first.close();
            EventLoop loop = base.channel().eventLoop();
            if (!loop.inEventLoop()) {
                closed.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
                // The close future completes before the channel's inactive event has run, and until it has, Vert.x
                // still counts the response as open: a framework end() in that window detaches the response from
                // the connection, and the request's end handlers (the access line and the audit line among them)
                // never run. The event loop runs the inactive event in a task queued by the close itself, so a
                // task queued from the loop after the close's task has ended runs after it.
                Promise<Void> settled = loop.newPromise();
                loop.execute(() -> loop.execute(() -> settled.trySuccess(null)));
                settled.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
            }
        } else {
            connection.close();
        }
    }

    /** The caller went away before the body was complete. */
    static void aborted(RoutingContext rc) {
        rc.put(ABORTED, Boolean.TRUE);
    }

    /** Media bytes read from the provider so far, for the log line: what the request cost in provider traffic. */
    static void providerBytes(RoutingContext rc, long bytes) {
        rc.put(PROVIDER_BYTES, bytes);
    }

    static void providerStatus(RoutingContext rc, int status) {
        rc.put(PROVIDER_STATUS, status);
    }
}
