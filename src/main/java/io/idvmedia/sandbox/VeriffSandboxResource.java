package io.idvmedia.sandbox;

import io.idvmedia.api.RequestLog;
import io.idvmedia.provider.veriff.VeriffApi;
import io.idvmedia.signing.HmacSha256;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A Veriff-compatible provider for development and tests, at {@code /sandbox/veriff/v1}: the same paths, requests
 * checked for {@code X-AUTH-CLIENT} and the HMAC of the path id (401 in Veriff's error shape), and every response
 * body signed in {@code X-HMAC-SIGNATURE}.
 */
@Path(VeriffSandboxResource.BASE)
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class VeriffSandboxResource {

    public static final String BASE = "/sandbox/veriff/v1";

    private final VeriffSandboxData data;
    private final SandboxKeys keys;
    private final SandboxConfig config;

    @Inject
    public VeriffSandboxResource(VeriffSandboxData data, SandboxKeys keys, SandboxConfig config) {
        this.data = data;
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Path("/sessions/{sessionId}/decision")
    public Response decision(@PathParam("sessionId") String sessionId, RoutingContext rc) {
        return authenticated(rc, sessionId).orElseGet(() -> data.session(sessionId)
                .map(s -> signed(200, s.decisionBytes()))
                .orElseGet(() -> error(404, null, "Session not found")));
    }

    @GET
    @Path("/sessions/{sessionId}/media")
    public Response mediaList(@PathParam("sessionId") String sessionId, RoutingContext rc) {
        return authenticated(rc, sessionId).orElseGet(() -> data.session(sessionId)
                .map(s -> signed(200, s.mediaListBytes()))
                .orElseGet(() -> error(404, null, "Session not found")));
    }

    @DELETE
    @Path("/sessions/{sessionId}")
    public Response delete(@PathParam("sessionId") String sessionId, RoutingContext rc) {
        return authenticated(rc, sessionId).orElseGet(() -> data.session(counted(sessionId)).map(session -> {
            if (session.inProgress()) {
                return error(400, "1306", "Session can not be deleted as it is in progress");
            }
            data.deleteSession(sessionId);
            return signed(200, "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8));
        }).orElseGet(() -> error(404, null, "Session not found")));
    }

    private String counted(String id) {
        data.countDeletion(id);
        return id;
    }

    @GET
    @Path("/media/{mediaId}")
    public Response media(@PathParam("mediaId") String mediaId, RoutingContext rc) {
        return authenticated(rc, mediaId).orElseGet(() -> data.media(mediaId).map(media -> {
            String signature = data.download(mediaId, media);
            StreamingOutput body = SandboxBody.of(rc, media.content(), media.breaksAfter(),
                    config.bytesPerSecond());
            return Response.ok(body, media.contentType()).header("Content-Length", media.length())
                    .header(VeriffApi.SIGNATURE_HEADER, signature).header("X-AUTH-CLIENT", config.veriff().apiKey())
                    .build();
        }).orElseGet(() -> error(404, null, "Media not found")));
    }

    /** Empty when the API key matches and the signature is the HMAC of the id in the path; else the 401. */
    private Optional<Response> authenticated(RoutingContext rc, String pathId) {
        RequestLog.operation(rc, "sandbox-veriff");
        String client = rc.request().getHeader("X-AUTH-CLIENT");
        if (client == null || !MessageDigest.isEqual(client.getBytes(StandardCharsets.UTF_8),
                config.veriff().apiKey().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(error(401, "1801", "Mandatory X-AUTH-CLIENT header containing the API key is"
                    + " missing from the request or does not match"));
        }
        String signature = rc.request().getHeader(VeriffApi.SIGNATURE_HEADER);
        if (!HmacSha256.verify(keys.veriffSharedSecret(), pathId.getBytes(StandardCharsets.UTF_8), signature)) {
            return Optional.of(error(401, "1812", "Signature \"x-hmac-signature\" does not match the HMAC-SHA256 of"
                    + " query ID and integration API secret"));
        }
        return Optional.empty();
    }

    private Response signed(int status, byte[] body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body)
                .header(VeriffApi.SIGNATURE_HEADER, data.sign(body)).header("X-AUTH-CLIENT", config.veriff().apiKey())
                .build();
    }

    private Response error(int status, String code, String message) {
        String body = code == null
                ? "{\"status\":\"fail\",\"message\":\"" + message + "\"}"
                : "{\"status\":\"fail\",\"code\":\"" + code + "\",\"message\":\"" + message + "\"}";
        return signed(status, body.getBytes(StandardCharsets.UTF_8));
    }
}
