package io.idvmedia.sandbox;

import io.idvmedia.api.RequestLog;
import io.idvmedia.provider.IdFormat;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * An Onfido-compatible provider (API v3.6) for development and tests, at {@code /sandbox/onfido/v3.6}: the same paths,
 * requests checked for {@code Authorization: Token token=...} (401 in Onfido's error shape), errors as Onfido sends
 * them ({@code {"error": {"type", "message", "fields"}}}).
 */
@Path(OnfidoSandboxResource.BASE)
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class OnfidoSandboxResource {

    public static final String BASE = "/sandbox/onfido/v3.6";

    private final OnfidoSandboxData data;
    private final SandboxKeys keys;
    private final SandboxConfig config;

    @Inject
    public OnfidoSandboxResource(OnfidoSandboxData data, SandboxKeys keys, SandboxConfig config) {
        this.data = data;
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Path("/workflow_runs/{runId}")
    public Response workflowRun(@PathParam("runId") String runId, RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> data.run(runId)
                .map(run -> json(200, run.body()))
                .orElseGet(() -> error(404, "resource_not_found", "The requested resource was not found")));
    }

    @GET
    @Path("/workflow_runs")
    public Response workflowRuns(@QueryParam("page") String page, RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> {
            int number;
            try {
                number = page == null ? 1 : Integer.parseInt(page);
            } catch (NumberFormatException e) {
                number = 0;
            }
            if (number < 1) {
                return error(422, "validation_error", "There was a validation error on this request");
            }
            return json(200, data.runs(number));
        });
    }

    @GET
    @Path("/{collection: documents|live_photos|live_videos|motion_captures|id_photos}")
    public Response list(@PathParam("collection") String collection, @QueryParam("applicant_id") String applicantId,
            RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> {
            if (!IdFormat.UUID.matches(applicantId)) {
                return error(422, "validation_error", "There was a validation error on this request");
            }
            if (!data.applicantExists(applicantId)) {
                return error(404, "resource_not_found", "The requested resource was not found");
            }
            return json(200, data.list(collection, applicantId));
        });
    }

    @GET
    @Path("/{collection: documents|live_photos|live_videos|motion_captures|id_photos}/{mediaId}/download")
    public Response download(@PathParam("collection") String collection, @PathParam("mediaId") String mediaId,
            RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> data.download(collection, mediaId)
                .map(media -> Response.ok(SandboxBody.of(rc, media.content(), -1, config.bytesPerSecond()),
                        media.contentType()).header("Content-Length", media.length()).build())
                .orElseGet(() -> error(404, "resource_not_found", "The requested resource was not found")));
    }

    @DELETE
    @Path("/applicants/{applicantId}")
    public Response deleteApplicant(@PathParam("applicantId") String applicantId, RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> {
            data.countDeletion(applicantId);
            return data.deleteApplicant(applicantId) ? Response.noContent().build()
                    : error(404, "resource_not_found", "The requested resource was not found");
        });
    }

    /** Empty when the token matches; else Onfido's 401. */
    private Optional<Response> authenticated(RoutingContext rc) {
        RequestLog.operation(rc, "sandbox-onfido");
        String presented = rc.request().getHeader("Authorization");
        byte[] expected = ("Token token=" + keys.onfidoApiToken()).getBytes(StandardCharsets.UTF_8);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected)) {
            return Optional.of(error(401, "authorization_error", "Authorization error: please re-check your"
                    + " credentials"));
        }
        return Optional.empty();
    }

    private static Response json(int status, byte[] body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static Response error(int status, String type, String message) {
        return json(status, ("{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\",\"fields\":{}}}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
