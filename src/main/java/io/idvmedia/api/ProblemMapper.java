package io.idvmedia.api;

import io.idvmedia.error.IdvException;
import io.idvmedia.error.Problem;
import io.idvmedia.error.ProblemType;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become problem+json responses. Details come from our own exception messages only;
 * anything unexpected is a bare 500 whose cause goes to the log under the request id.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response idv(IdvException e, RoutingContext rc) {
        ProblemType type = e.type();
        RequestLog.abortIfStarted(rc);
        e.providerStatus().ifPresent(status -> RequestLog.providerStatus(rc, status));
        if (type.status() >= 500) {
            LOG.warnf("requestId=%s problem=%s detail=%s", RequestLog.requestId(rc), type.uri(), e.getMessage());
        }
        Response.ResponseBuilder response = problem(rc, type.uri(), type.title(), type.status(), e.getMessage(),
                e.extensions());
        e.retryAfter().ifPresent(delay -> response.header("Retry-After", Math.max(1, delay.toSeconds())));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext rc) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String type = status == 404 ? ProblemType.NOT_FOUND.uri()
                : status >= 500 ? ProblemType.INTERNAL.uri() : ProblemType.INVALID_REQUEST.uri();
        String detail = switch (status) {
            case 404 -> "No such route; see /q/openapi for the API";
            case 405 -> "Method not allowed on this route";
            case 406 -> "None of the accepted media types can be produced";
            case 415 -> "Unsupported request media type";
            default -> title;
        };
        return problem(rc, type, title, status, detail, Map.of()).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext rc) {
        String requestId = RequestLog.requestId(rc);
        RequestLog.abortIfStarted(rc);
        LOG.errorf(e, "requestId=%s unexpected failure", requestId);
        return problem(rc, ProblemType.INTERNAL.uri(), ProblemType.INTERNAL.title(), 500,
                "An unexpected error occurred; quote request id " + requestId, Map.of()).build();
    }

    private static Response.ResponseBuilder problem(RoutingContext rc, String type, String title, int status,
            String detail, Map<String, Object> extensions) {
        String instance = rc == null ? null : rc.request().path();
        Problem problem = new Problem(type, title, status, detail, instance, RequestLog.requestId(rc), extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).header("Cache-Control", "no-store").entity(problem);
    }
}
