package io.idvmedia.api;

import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import io.idvmedia.operation.DeleteMediaOperation;
import io.idvmedia.operation.DeleteSessionOperation;
import io.idvmedia.operation.Delivery;
import io.idvmedia.operation.GetMediaOperation;
import io.idvmedia.operation.GetSessionOperation;
import io.idvmedia.operation.ListMediaOperation;
import io.idvmedia.operation.SessionView;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaList;
import io.idvmedia.provider.SessionDocument;
import io.idvmedia.provider.SessionSummary;
import io.idvmedia.provider.http.ResponseSignatureException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The HTTP face of the operations: thin, it only translates parameters and results. */
@Path("/v1/{provider}/sessions/{sessionId}")
@APIResponse(responseCode = "default", description = "An RFC 9457 problem",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SessionResource {

    private static final int COPY_BUFFER = 64 * 1024;
    private static final String PROVIDER = "The IDV provider: yoti or veriff";

    private final GetSessionOperation getSession;
    private final GetMediaOperation getMedia;
    private final DeleteSessionOperation deleteSession;
    private final DeleteMediaOperation deleteMedia;
    private final ListMediaOperation listMedia;
    private final CurrentVertxRequest request;

    @Inject
    public SessionResource(GetSessionOperation getSession, GetMediaOperation getMedia,
            DeleteSessionOperation deleteSession, DeleteMediaOperation deleteMedia, ListMediaOperation listMedia,
            CurrentVertxRequest request) {
        this.getSession = getSession;
        this.getMedia = getMedia;
        this.deleteSession = deleteSession;
        this.deleteMedia = deleteMedia;
        this.listMedia = listMedia;
        this.request = request;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "get-session", summary = "The session's results: the provider's JSON byte for byte, or"
            + " with view=summary one normalized shape for every provider")
    @APIResponse(responseCode = "200", description = "The provider's session JSON; with view=summary, the summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = {Object.class, SessionSummary.class}),
                    examples = {
                        @ExampleObject(name = "yoti summary", value = ApiExamples.YOTI_SUMMARY),
                        @ExampleObject(name = "veriff summary", value = ApiExamples.VERIFF_SUMMARY)}))
    public Response getSession(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @Parameter(description = "Session id (UUID)") @PathParam("sessionId") String sessionId,
            @Parameter(description = "summary: one normalized shape for every provider; absent: the provider's JSON")
            @QueryParam("view") String view) {
        RoutingContext rc = request.getCurrent();
        RequestLog.operation(rc, "get-session");
        if (SessionView.parse(view) == SessionView.SUMMARY) {
            return Response.ok(getSession.summary(provider, sessionId), MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        SessionDocument session = getSession.document(provider, sessionId);
        RequestLog.providerStatus(rc, session.providerStatus());
        return Response.ok(session.json(), session.contentType()).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GET
    @Path("/media")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "list-media", summary = "Every media item of the session, in one shape for every"
            + " provider")
    @APIResponse(responseCode = "200", description = "The media index",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MediaList.class)))
    public Response listMedia(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId) {
        RequestLog.operation(request.getCurrent(), "list-media");
        return Response.ok(listMedia.execute(provider, sessionId), MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @DELETE
    @Produces(Problem.MEDIA_TYPE)
    @Operation(operationId = "delete-session", summary = "Deletes the session and its media at the provider")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteSession(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId) {
        RoutingContext rc = request.getCurrent();
        RequestLog.operation(rc, "delete-session");
        Deletion deletion = deleteSession.execute(provider, sessionId);
        RequestLog.providerStatus(rc, deletion.providerStatus());
        return Response.noContent().build();
    }

    @GET
    @Path("/media/{mediaId}")
    @Produces({MediaType.WILDCARD, Problem.MEDIA_TYPE})
    @Operation(operationId = "get-media", summary = "One media item, streamed with the provider's content type")
    @APIResponse(responseCode = "200", description = "The media bytes, with Content-Type and Content-Length")
    @APIResponse(responseCode = "204", description = "The media exists but has no content")
    public Response getMedia(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId, @PathParam("mediaId") String mediaId,
            @Parameter(description = "auto (default) or stream; url and redirect need a media store")
            @QueryParam("delivery") String delivery,
            @Parameter(description = "true: Content-Disposition attachment with a generated file name")
            @QueryParam("download") String download) {
        RoutingContext rc = request.getCurrent();
        RequestLog.operation(rc, "get-media");
        boolean attachment = parseFlag("download", download);
        MediaContent media = getMedia.execute(provider, sessionId, mediaId, Delivery.parse(delivery));
        RequestLog.providerStatus(rc, media.providerStatus());
        if (!media.hasContent()) {
            return Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        String contentType = media.contentType().orElse(MediaType.APPLICATION_OCTET_STREAM);
        Response.ResponseBuilder response = Response.ok(copy(media, provider), contentType)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff");
        media.contentLength().ifPresent(length -> response.header(HttpHeaders.CONTENT_LENGTH, length));
        if (attachment) {
            response.header("Content-Disposition",
                    "attachment; filename=\"" + MediaFileNames.of(mediaId, contentType) + "\"");
        }
        return response.build();
    }

    @DELETE
    @Path("/media/{mediaId}")
    @Produces(Problem.MEDIA_TYPE)
    @Operation(operationId = "delete-media", summary = "Deletes one media item's content at the provider")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteMedia(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId, @PathParam("mediaId") String mediaId) {
        RoutingContext rc = request.getCurrent();
        RequestLog.operation(rc, "delete-media");
        Deletion deletion = deleteMedia.execute(provider, sessionId, mediaId);
        RequestLog.providerStatus(rc, deletion.providerStatus());
        return Response.noContent().build();
    }

    /**
     * Copies with a fixed buffer. A provider failure midway propagates, so the server resets the connection instead
     * of ending the body cleanly: a caller can never take a truncated body for a complete one.
     */
    private static StreamingOutput copy(MediaContent media, String provider) {
        return out -> {
            try (InputStream in = media.body().orElseThrow()) {
                byte[] buffer = new byte[COPY_BUFFER];
                long sent = 0;
                while (true) {
                    int n;
                    try {
                        n = in.read(buffer);
                    } catch (ResponseSignatureException e) {
                        throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE, "The " + provider
                                + " media body did not match its signature; the response was aborted", e);
                    } catch (IOException e) {
                        throw new ProviderException(ProblemType.PROVIDER_ERROR, "The " + provider
                                + " media body failed after " + sent + " bytes were sent; the response was aborted", e);
                    }
                    if (n < 0) {
                        return;
                    }
                    out.write(buffer, 0, n);
                    sent += n;
                }
            }
        };
    }

    private static boolean parseFlag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidRequestException(name + " must be true or false");
    }
}
