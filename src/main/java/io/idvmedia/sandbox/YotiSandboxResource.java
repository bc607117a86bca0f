package io.idvmedia.sandbox;

import io.idvmedia.api.RequestLog;
import io.idvmedia.provider.yoti.YotiRequestSigner;
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
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Yoti IDV-compatible provider for development and tests, at {@code /sandbox/yoti/idverify/v1}: the same
 * paths, the same request signing (a bad or missing digest is a 401 in Yoti's error shape), seeded sessions.
 */
@Path(YotiSandboxResource.BASE)
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class YotiSandboxResource {

    public static final String BASE = "/sandbox/yoti/idverify/v1";
    private static final Pattern PARAM = Pattern.compile("(?:^|&)(sdkId|nonce|timestamp)=([^&]*)");

    private final YotiSandboxData data;
    private final SandboxKeys keys;
    private final SandboxConfig config;

    @Inject
    public YotiSandboxResource(YotiSandboxData data, SandboxKeys keys, SandboxConfig config) {
        this.data = data;
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Path("/sessions/{sessionId}")
    public Response getSession(@PathParam("sessionId") String sessionId, RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> data.session(sessionId)
                .map(s -> {
                    data.count(sessionId);
                    return Response.ok(s.jsonBytes(), MediaType.APPLICATION_JSON).build();
                })
                .orElseGet(() -> error(404, "SESSION_NOT_FOUND", "Session not found")));
    }

    @DELETE
    @Path("/sessions/{sessionId}")
    public Response deleteSession(@PathParam("sessionId") String sessionId, RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> {
            data.countDeletion(sessionId);
            return deleteSession(sessionId);
        });
    }

    private Response deleteSession(String sessionId) {
        return data.session(sessionId).map(session -> {
            if (!"COMPLETED".equals(session.state())) {
                return error(409, "SESSION_NOT_COMPLETED", "The session cannot be deleted until it is completed");
            }
            data.deleteSession(sessionId);
            return Response.noContent().build();
        }).orElseGet(() -> error(404, "SESSION_NOT_FOUND", "Session not found"));
    }

    @GET
    @Path("/sessions/{sessionId}/media/{mediaId}/content")
    public Response getMedia(@PathParam("sessionId") String sessionId, @PathParam("mediaId") String mediaId,
            RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> data.media(sessionId, mediaId).map(media -> {
            data.count(mediaId);
            if (!media.hasContent()) {
                return Response.noContent().build();
            }
            StreamingOutput body = SandboxBody.of(rc, media.content(), -1,
                    config.bytesPerSecond());
            return Response.ok(body, media.contentType()).header("Content-Length", media.length()).build();
        }).orElseGet(() -> error(404, "MEDIA_NOT_FOUND", "Media not found")));
    }

    @DELETE
    @Path("/sessions/{sessionId}/media/{mediaId}/content")
    public Response deleteMedia(@PathParam("sessionId") String sessionId, @PathParam("mediaId") String mediaId,
            RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> data.media(sessionId, countedDeletion(mediaId)).map(media -> {
            data.deleteMedia(mediaId);
            return Response.noContent().build();
        }).orElseGet(() -> error(404, "MEDIA_NOT_FOUND", "Media not found")));
    }

    private String countedDeletion(String id) {
        data.countDeletion(id);
        return id;
    }

    /** Empty when the request is signed by the trusted key for the sandbox's SDK id; else the 401 to send. */
    private Optional<Response> authenticated(RoutingContext rc) {
        RequestLog.operation(rc, "sandbox-yoti");
        String uri = rc.request().uri();
        int at = uri.indexOf(BASE);
        String pathWithQuery = at < 0 ? uri : uri.substring(at + BASE.length());
        String query = rc.request().query() == null ? "" : rc.request().query();
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(query);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        if (!config.yoti().sdkId().equals(params.get("sdkId"))) {
            return Optional.of(error(401, "INVALID_SDK_ID", "Unknown or missing sdkId"));
        }
        if (params.get("nonce") == null || params.get("nonce").isEmpty()) {
            return Optional.of(error(401, "MISSING_NONCE", "The request has no nonce"));
        }
        // Only the form is checked: the official SDK sends a monotonic clock reading, not wall time.
        if (!params.getOrDefault("timestamp", "").matches("[0-9]{1,20}")) {
            return Optional.of(error(401, "INVALID_TIMESTAMP", "The request has no valid timestamp"));
        }
        String digest = rc.request().getHeader(YotiRequestSigner.DIGEST_HEADER);
        if (digest == null || !verifies(rc.request().method().name(), pathWithQuery, digest)) {
            return Optional.of(error(401, "INVALID_REQUEST_SIGNATURE", "The request signature could not be verified"));
        }
        return Optional.empty();
    }

    private boolean verifies(String method, String pathWithQuery, String digest) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(keys.trustedYotiKey());
            signature.update(YotiRequestSigner.message(method, pathWithQuery, null));
            return signature.verify(Base64.getDecoder().decode(digest));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", code, "message", message)).build();
    }
}
