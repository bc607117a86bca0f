package io.idvmedia.api;

import io.idvmedia.access.AccessGate;
import io.idvmedia.access.AccessRequest;
import io.idvmedia.access.Channel;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.telemetry.OperationContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Runs the access gate for every session route before its method (so before any provider call, secret read or
 * store access), on the route's worker thread, and leaves the audit entry for {@link RequestLog} to complete
 * when the response has ended. A route under {@code /v1/{provider}/sessions} that is not marked with the operation
 * it performs is refused: nothing is reachable unguarded by mistake.
 */
public class AccessFilter {

    private static final Pattern SESSION_ROUTES = Pattern.compile("/v1/[^/]+/sessions(/.*)?");

    private final AccessGate gate;
    private final CurrentVertxRequest current;

    @Inject
    public AccessFilter(AccessGate gate, CurrentVertxRequest current) {
        this.gate = gate;
        this.current = current;
    }

    @ServerRequestFilter
    public void guard(ContainerRequestContext context, ResourceInfo resource) {
        Guarded guarded = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Guarded.class);
        if (guarded == null) {
            if (SESSION_ROUTES.matcher(context.getUriInfo().getPath()).matches()) {
                throw new IdvException(ProblemType.GRANT_INSUFFICIENT, "This route is not mapped to an operation");
            }
            return;
        }
        RoutingContext rc = current.getCurrent();
        RequestLog.operation(rc, guarded.value().id());
        OperationContext.begin(guarded.value().id());
        MultivaluedMap<String, String> path = context.getUriInfo().getPathParameters();
        SocketAddress remote = rc.request().remoteAddress();
        AccessRequest request = new AccessRequest(Channel.HTTP, guarded.value(), path.getFirst("provider"),
                path.getFirst("sessionId"), path.getFirst("mediaId"),
                Optional.ofNullable(context.getHeaderString(HttpHeaders.AUTHORIZATION)),
                remote == null ? null : remote.hostAddress());
        AccessGate.Admission admission = gate.admit(RequestLog.requestId(rc), request);
        RequestLog.audit(rc, admission.entry());
        admission.orThrow();
    }

    /** The route's operation ends with its response (a streamed body is written later, and calls no store). */
    @ServerResponseFilter
    public void ended(ContainerResponseContext context) {
        OperationContext.end();
    }
}
