package io.idvmedia.api;

import io.idvmedia.access.Channel;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.error.Problem;
import io.idvmedia.export.ExportSessionOperation;
import io.idvmedia.lifecycle.HoldOperation;
import io.idvmedia.lifecycle.HoldState;
import io.idvmedia.lifecycle.Instruction;
import io.idvmedia.lifecycle.ReceiptsOperation;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.MediaUrl;
import io.idvmedia.media.ServedType;
import io.idvmedia.lifecycle.DeleteMediaOperation;
import io.idvmedia.lifecycle.DeleteSessionOperation;
import io.idvmedia.lifecycle.DeletionReport;
import io.idvmedia.operation.GetMediaOperation;
import io.idvmedia.operation.GetSessionOperation;
import io.idvmedia.operation.ListMediaOperation;
import io.idvmedia.operation.MediaRequest;
import io.idvmedia.operation.SessionView;
import io.idvmedia.provider.DeletionScope;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaList;
import io.idvmedia.provider.SessionDocument;
import io.idvmedia.provider.SessionSummary;
import io.idvmedia.transfer.StreamedCopy;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The HTTP face of the operations: thin, it only translates parameters and results. Each method is
 * {@link Guarded} with its operation, so that {@link AccessFilter} has checked the caller's grant before it runs.
 */
@Path("/v1/{provider}/sessions/{sessionId}")
@SecurityScheme(securitySchemeName = SessionResource.GRANT, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A session-scoped grant: a JWS naming the provider, the sessions and the"
                + " operations it allows, minted by the business backend or the issue-grant function")
@SecurityRequirement(name = SessionResource.GRANT)
@APIResponse(responseCode = "401", description = "No grant, or an invalid one (WWW-Authenticate: Bearer"
        + " error=\"invalid_token\")",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The grant does not cover this provider, session or operation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "default", description = "An RFC 9457 problem",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SessionResource {

    static final String GRANT = "grant";
    private static final String PROVIDER = "The IDV provider (the values this deployment serves)";
    private static final String IDEMPOTENCY_KEY = "Your id for this instruction (1 to 255 visible ASCII characters):"
            + " the delete is done once, and repeated with the same id it answers the same receipt without asking the"
            + " provider again. Generated when absent (the answer's instructionId)";

    private final GetSessionOperation getSession;
    private final GetMediaOperation getMedia;
    private final DeleteSessionOperation deleteSession;
    private final DeleteMediaOperation deleteMedia;
    private final ListMediaOperation listMedia;
    private final ExportSessionOperation export;
    private final HoldOperation hold;
    private final ReceiptsOperation receipts;
    private final MediaStores stores;
    private final StreamedCopy copy;
    private final CurrentVertxRequest request;

    @Inject
    public SessionResource(GetSessionOperation getSession, GetMediaOperation getMedia,
            DeleteSessionOperation deleteSession, DeleteMediaOperation deleteMedia, ListMediaOperation listMedia,
            ExportSessionOperation export, HoldOperation hold, ReceiptsOperation receipts, MediaStores stores,
            StreamedCopy copy, CurrentVertxRequest request) {
        this.export = export;
        this.hold = hold;
        this.receipts = receipts;
        this.getSession = getSession;
        this.getMedia = getMedia;
        this.deleteSession = deleteSession;
        this.deleteMedia = deleteMedia;
        this.listMedia = listMedia;
        this.stores = stores;
        this.copy = copy;
        this.request = request;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Guarded(OperationName.GET_SESSION)
    @Operation(operationId = "get-session", summary = "The session's results: the provider's JSON byte for byte, or"
            + " with view=summary one normalized shape for every provider")
    @APIResponse(responseCode = "200", description = "The provider's session JSON; with view=summary, the summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = {Object.class, SessionSummary.class}),
                    examples = {
                        @ExampleObject(name = "yoti summary", value = ApiExamples.YOTI_SUMMARY),
                        @ExampleObject(name = "veriff summary", value = ApiExamples.VERIFF_SUMMARY),
                        @ExampleObject(name = "onfido summary", value = ApiExamples.ONFIDO_SUMMARY)}))
    public Response getSession(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @Parameter(description = "Session id (UUID)") @PathParam("sessionId") String sessionId,
            @Parameter(description = "summary: one normalized shape for every provider; absent: the provider's JSON")
            @QueryParam("view") String view) {
        RoutingContext rc = request.getCurrent();
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
    @Guarded(OperationName.LIST_MEDIA)
    @Operation(operationId = "list-media", summary = "Every media item of the session, in one shape for every"
            + " provider")
    @APIResponse(responseCode = "200", description = "The media index",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MediaList.class)))
    public Response listMedia(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId) {
        return Response.ok(listMedia.execute(provider, sessionId), MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Guarded(OperationName.DELETE_SESSION)
    @Operation(operationId = "delete-session", summary = "Deletes the session at the provider and every staged copy"
            + " of its media")
    @APIResponse(responseCode = "200", description = "Deleted; lists the staged copies removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeletionReport.class)))
    @APIResponse(responseCode = "409", description = "The provider cannot delete the session now, or only with more"
            + " than it (an Onfido applicant with other workflow runs; scope=applicant allows that)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response deleteSession(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId,
            @Parameter(description = "session (default) or applicant: Onfido deletes a run by deleting its applicant;"
                    + " applicant allows that to take the applicant's other runs with it")
            @QueryParam("scope") String scope,
            @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam(Instruction.HEADER) String idempotencyKey) {
        RoutingContext rc = request.getCurrent();
        DeletionReport report = deleteSession.execute(provider, sessionId, DeletionScope.parse(scope),
                Instruction.of(Optional.ofNullable(idempotencyKey), RequestLog.caller(rc)));
        RequestLog.providerStatus(rc, report.providerStatus());
        return Response.ok(report, MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/media/{mediaId}")
    @Produces({MediaType.WILDCARD, Problem.MEDIA_TYPE})
    @Guarded(OperationName.GET_MEDIA)
    @Operation(operationId = "get-media", summary = "One media item: streamed, or a short-lived URL to a staged copy")
    @APIResponse(responseCode = "200", description = "stream: the media bytes with Content-Type and Content-Length;"
            + " url: the URL JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MediaUrl.class)))
    @APIResponse(responseCode = "204", description = "The media exists but has no content")
    @APIResponse(responseCode = "429", description = "This caller (the grant's subject) already runs its share of the"
            + " instance's transfers (idv.media.max-transfers-per-caller); retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The instance runs as many transfers as it may; retry after"
            + " Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "303", description = "redirect: to the URL of a staged copy")
    @APIResponse(responseCode = "202", description = "Through API Gateway only (30 s per request): a media without a"
            + " fresh copy that will not stage in time (larger than idv.media.sync-stage-max-bytes, or too little time"
            + " left) is being staged by a job; come back after Retry-After seconds for the URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    example = "{\"status\":\"staging\",\"retryAfterSeconds\":32}"))
    public Response getMedia(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId, @PathParam("mediaId") String mediaId,
            @Parameter(description = "auto (default: stream here), stream, url (JSON with a short-lived URL of a"
                    + " staged copy) or redirect (303 to that URL)")
            @QueryParam("delivery") String delivery,
            @Parameter(description = "URL lifetime in seconds for url and redirect; capped by configuration")
            @QueryParam("ttl") String ttl,
            @Parameter(description = "true: served as an attachment with a generated file name")
            @QueryParam("download") String download) {
        RoutingContext rc = request.getCurrent();
        MediaRequest options = MediaRequest.parse(delivery, download, ttl, stores.config());
        MediaRequest.Plan plan = options.plan(Channel.HTTP);
        boolean attachment = options.download();
        if (plan == MediaRequest.Plan.URL || plan == MediaRequest.Plan.REDIRECT) {
            Optional<MediaUrl> url = getMedia.url(provider, sessionId, mediaId, options.ttl(), attachment,
                    RequestLog.caller(rc)).map(u -> u.against(baseUri(rc)));
            if (url.isEmpty()) {
                return Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
            }
            Response.ResponseBuilder answer = plan == MediaRequest.Plan.URL
                    ? Response.ok(url.get(), MediaType.APPLICATION_JSON)
                    : Response.seeOther(URI.create(url.get().url()));
            return answer.header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        // Plan.STREAM: this server streams.
        MediaContent content = getMedia.open(provider, sessionId, mediaId, RequestLog.caller(rc));
        Optional<String> downloadName = attachment && content.hasContent()
                ? Optional.of(getMedia.downloadName(provider, sessionId, mediaId,
                        content.contentType().orElse(MediaType.APPLICATION_OCTET_STREAM)))
                : Optional.empty();
        return stream(rc, content, provider, downloadName);
    }

    @DELETE
    @Path("/media/{mediaId}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Guarded(OperationName.DELETE_MEDIA)
    @Operation(operationId = "delete-media", summary = "Deletes one media item's content at the provider and its"
            + " staged copy")
    @APIResponse(responseCode = "200", description = "Deleted; lists the staged copy removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeletionReport.class)))
    public Response deleteMedia(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId, @PathParam("mediaId") String mediaId,
            @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam(Instruction.HEADER) String idempotencyKey) {
        RoutingContext rc = request.getCurrent();
        DeletionReport report = deleteMedia.execute(provider, sessionId, mediaId,
                Instruction.of(Optional.ofNullable(idempotencyKey), RequestLog.caller(rc)));
        RequestLog.providerStatus(rc, report.providerStatus());
        return Response.ok(report, MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/export")
    @Produces({ExportSessionOperation.ZIP, MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Guarded(OperationName.EXPORT_SESSION)
    @Operation(operationId = "export-session", summary = "The whole session as one ZIP: session.json, summary.json,"
            + " every media item, and manifest.json with each file's size and SHA-256; streamed as it is built, or"
            + " a short-lived URL to a staged export")
    @APIResponse(responseCode = "200", description = "stream: application/zip ({provider}-{sessionId}.zip), built"
            + " as it is sent (a failure midway cuts the connection, never completes the ZIP); url: the URL JSON",
            content = {@Content(mediaType = ExportSessionOperation.ZIP),
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaUrl.class))})
    @APIResponse(responseCode = "303", description = "redirect: to the URL of a staged export")
    @APIResponse(responseCode = "202", description = "Through API Gateway only: the export is being staged by a job;"
            + " come back after Retry-After seconds for the URL", content = @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    example = "{\"status\":\"staging\",\"retryAfterSeconds\":30}"))
    @APIResponse(responseCode = "429", description = "This caller already runs its share of the instance's transfers",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response exportSession(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId,
            @Parameter(description = "auto (default: stream here), stream, url (JSON with a short-lived URL of a"
                    + " staged export) or redirect (303 to that URL)")
            @QueryParam("delivery") String delivery,
            @Parameter(description = "URL lifetime in seconds for url and redirect; capped by configuration")
            @QueryParam("ttl") String ttl) {
        RoutingContext rc = request.getCurrent();
        MediaRequest options = MediaRequest.parse(delivery, null, ttl, stores.config());
        MediaRequest.Plan plan = options.plan(Channel.HTTP);
        if (plan == MediaRequest.Plan.URL || plan == MediaRequest.Plan.REDIRECT) {
            MediaUrl url = export.url(provider, sessionId, options.ttl(), RequestLog.caller(rc),
                    RequestLog.exporting(rc)).against(baseUri(rc));
            Response.ResponseBuilder answer = plan == MediaRequest.Plan.URL
                    ? Response.ok(url, MediaType.APPLICATION_JSON) : Response.seeOther(URI.create(url.url()));
            return answer.header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        ExportSessionOperation.Export zip = export.open(provider, sessionId, RequestLog.caller(rc),
                RequestLog.exporting(rc));
        boolean head = rc.request().method() == HttpMethod.HEAD;
        if (head) {
            closeQuietly(zip.zip());
        }
        Response.ResponseBuilder response = head ? Response.ok()
                : Response.ok((StreamingOutput) caller -> copy.copy(zip.zip(), caller, new VertxConnection(rc)));
        ServedType.of(ExportSessionOperation.ZIP).headers(Optional.of(zip.fileName())).forEach(response::header);
        return response.build();
    }

    @PUT
    @Path("/hold")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Guarded(OperationName.HOLD)
    @Operation(operationId = "place-hold", summary = "Places a legal hold on the session: until it is released,"
            + " delete-session and delete-media answer 409 session-held before the provider is asked")
    @RequestBody(description = "Why, and your reference for it (both free text, bounded; audited, never repeated in a"
            + " problem)", required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    example = "{\"reason\":\"Regulator inquiry\",\"reference\":\"CASE-2026-114\"}"))
    @APIResponse(responseCode = "200", description = "The hold in force", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldState.class)))
    public Response placeHold(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId, byte[] body) {
        RoutingContext rc = request.getCurrent();
        HoldState placed = hold.place(provider, sessionId, body, RequestLog.caller(rc),
                (name, value) -> RequestLog.auditDetail(rc, name, value));
        return Response.ok(placed, MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/hold")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Guarded(OperationName.HOLD)
    @Operation(operationId = "read-hold", summary = "Whether the session is under a legal hold, why, since when and"
            + " placed by whom")
    @APIResponse(responseCode = "200", description = "{\"held\": false} when there is none", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldState.class)))
    public Response readHold(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId) {
        return Response.ok(hold.read(provider, sessionId), MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @DELETE
    @Path("/hold")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Guarded(OperationName.HOLD)
    @Operation(operationId = "release-hold", summary = "Releases the session's legal hold (if any): deletes may"
            + " proceed again")
    @APIResponse(responseCode = "200", description = "{\"held\": false}", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldState.class)))
    public Response releaseHold(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId) {
        return Response.ok(hold.release(provider, sessionId), MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/receipts")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Guarded(OperationName.GET_RECEIPTS)
    @Operation(operationId = "get-receipts", summary = "The session's erasure receipts, oldest first: each a"
            + " compact JWS (ES256) that verifies with GET /v1/receipts/jwks.json")
    @APIResponse(responseCode = "200", description = "Its receipts; an empty list when nothing of it was deleted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReceiptsOperation.ReceiptList.class)))
    public Response getReceipts(@Parameter(description = PROVIDER) @PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId) {
        return Response.ok(receipts.list(provider, sessionId), MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing was sent; the export is dropped either way.
        }
    }

    private Response stream(RoutingContext rc, MediaContent media, String provider,
            Optional<String> downloadName) {
        RequestLog.providerStatus(rc, media.providerStatus());
        if (!media.hasContent()) {
            return Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        ServedType served = ServedType.of(media.contentType().orElse(null));
        boolean head = rc.request().method() == HttpMethod.HEAD;
        if (head) {
            // The headers are all a HEAD asks for: the provider's body is released at once, unread.
            media.release();
        }
        Response.ResponseBuilder response = head ? Response.ok()
                : Response.ok((StreamingOutput) caller -> copy.copy(media.body().orElseThrow(), caller,
                        new VertxConnection(rc)));
        served.headers(downloadName).forEach(response::header);
        media.contentLength().ifPresent(length -> response.header(HttpHeaders.CONTENT_LENGTH, length));
        return response.build();
    }

    /** The scheme and authority the caller used, for URLs that point back at this server. */
    private static URI baseUri(RoutingContext rc) {
        String authority = rc.request().authority() == null ? null : rc.request().authority().toString();
        if (authority == null || authority.isEmpty()) {
            throw new InvalidRequestException("A Host header is required to build a media URL");
        }
        return URI.create(rc.request().scheme() + "://" + authority);
    }
}
