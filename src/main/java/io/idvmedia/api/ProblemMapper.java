package io.idvmedia.api;

import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemAnswer;
import io.idvmedia.error.ProblemType;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
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
        return render(ProblemAnswer.of(e, RequestLog.requestId(rc), instance(rc)));
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
        return render(ProblemAnswer.of(type, title, status, detail, RequestLog.requestId(rc), instance(rc)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext rc) {
        String requestId = RequestLog.requestId(rc);
        RequestLog.abortIfStarted(rc);
        LOG.errorf(e, "requestId=%s unexpected failure", requestId);
        return render(ProblemAnswer.unexpected(requestId, instance(rc)));
    }

    private static String instance(RoutingContext rc) {
        return rc == null ? null : rc.request().path();
    }

    private static Response render(ProblemAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.problem());
        answer.headers().forEach(response::header);
        return response.build();
    }
}
