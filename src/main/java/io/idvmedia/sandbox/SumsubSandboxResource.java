package io.idvmedia.sandbox;

import io.idvmedia.api.RequestLog;
import io.idvmedia.provider.sumsub.SumsubApi;
import io.idvmedia.signing.HmacSha256;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * A Sumsub-compatible provider for development and tests, at {@code /sandbox/sumsub/api}: the same paths under that
 * base, every request checked as Sumsub checks it ({@code X-App-Token}; {@code X-App-Access-Ts} within a minute of now;
 * {@code X-App-Access-Sig}, the HMAC-SHA256 with the secret key of the timestamp, the method, the path with its query
 * as received and the body, compared in constant time), errors in Sumsub's shape
 * ({@code {"description", "code", "correlationId", "errorCode", "errorName"}}).
 */
@Path(SumsubSandboxResource.BASE)
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class SumsubSandboxResource {

    public static final String BASE = "/sandbox/sumsub/api";
    /** How far a request's timestamp may be from the sandbox's clock, as Sumsub allows. */
    static final long WINDOW_SECONDS = 60;

    private final SumsubSandboxData data;
    private final SandboxKeys keys;
    private final SandboxConfig config;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public SumsubSandboxResource(SumsubSandboxData data, SandboxKeys keys, SandboxConfig config) {
        this.data = data;
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Path("/resources/applicants/{applicantId}/one")
    public Response applicant(@PathParam("applicantId") String applicantId, RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> data.applicant(applicantId)
                .map(applicant -> json(200, applicant.body()))
                .orElseGet(SumsubSandboxResource::notFound));
    }

    @GET
    @Path("/resources/applicants/{applicantId}/metadata/resources")
    public Response resources(@PathParam("applicantId") String applicantId, RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> data.applicant(applicantId)
                .map(applicant -> json(200, data.resources(applicantId)))
                .orElseGet(SumsubSandboxResource::notFound));
    }

    @GET
    @Path("/resources/applicants/{applicantId}/resources/{imageId}")
    public Response image(@PathParam("applicantId") String applicantId, @PathParam("imageId") String imageId,
            RoutingContext rc) {
        return authenticated(rc).orElseGet(() -> data.download(applicantId, imageId)
                .map(image -> Response.ok(SandboxBody.of(rc, image.content(), -1, config.bytesPerSecond()),
                        image.contentType()).header("Content-Length", image.length()).build())
                .orElseGet(SumsubSandboxResource::notFound));
    }

    /** Empty when the token, the timestamp and the signature are right; else Sumsub's 401. */
    private Optional<Response> authenticated(RoutingContext rc) {
        RequestLog.operation(rc, "sandbox-sumsub");
        String token = rc.request().getHeader(SumsubApi.TOKEN_HEADER);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                keys.sumsubAppToken().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(error(401, "App token is not valid", 4000, "app-token-invalid-format"));
        }
        String timestamp = rc.request().getHeader(SumsubApi.TIMESTAMP_HEADER);
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp);
        } catch (NumberFormatException e) {
            return Optional.of(error(401, "Request timestamp is not valid", 4004, "app-token-invalid-ts"));
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > WINDOW_SECONDS) {
            return Optional.of(error(401, "Request timestamp is too far from the current time", 4004,
                    "app-token-invalid-ts"));
        }
        // The path and query exactly as received, as Sumsub signs them; these routes take no body.
        String expected = HmacSha256.sign(keys.sumsubSecretKey(), timestamp + rc.request().method().name()
                + rc.request().uri());
        String presented = rc.request().getHeader(SumsubApi.SIGNATURE_HEADER);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(error(401, "Request signature mismatch", 4003, "app-token-signature-mismatch"));
        }
        return Optional.empty();
    }

    private static Response notFound() {
        return error(404, "Applicant or resource not found", 0, null);
    }

    private static Response json(int status, byte[] body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    static Response error(int status, String description, int errorCode, String errorName) {
        StringBuilder body = new StringBuilder("{\"description\":\"").append(description).append("\",\"code\":")
                .append(status).append(",\"correlationId\":\"").append(UUID.randomUUID().toString().replace("-", ""))
                .append('"');
        if (errorCode > 0) {
            body.append(",\"errorCode\":").append(errorCode).append(",\"errorName\":\"").append(errorName)
                    .append('"');
        }
        return json(status, body.append('}').toString().getBytes(StandardCharsets.UTF_8));
    }
}
