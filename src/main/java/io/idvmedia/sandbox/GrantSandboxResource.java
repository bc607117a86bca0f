package io.idvmedia.sandbox;

import io.idvmedia.access.GrantIssuer;
import io.idvmedia.access.GrantRequest;
import io.idvmedia.access.IssuedGrant;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/**
 * Dev and test only: {@code POST /sandbox/grants} mints DEMO grants as issue-grant does (same JSON in and out,
 * signed with the sandbox's demo key, which the dev profile verifies), and {@code GET /sandbox/viewer.html} serves a
 * page showing how a frontend uses them: fetch {@code delivery=url} with the grant, then give the short-lived URL to
 * an {@code <img>} or {@code <video>}, which cannot send a bearer header.
 */
@Path("/sandbox")
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class GrantSandboxResource {

    private final GrantIssuer issuer;

    @Inject
    public GrantSandboxResource(GrantIssuer issuer) {
        this.issuer = issuer;
    }

    @POST
    @Path("/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> grant(GrantRequest request) {
        IssuedGrant grant = issuer.issue(request);
        return Map.of("token", grant.token(), "expiresAt", grant.expiresAt().toString());
    }

    @GET
    @Path("/viewer.html")
    @Produces(MediaType.TEXT_HTML)
    public Response viewer() {
        InputStream page = GrantSandboxResource.class.getResourceAsStream("/sandbox/viewer.html");
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; media-src 'self'"
                        + " blob:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
                .build();
    }
}
