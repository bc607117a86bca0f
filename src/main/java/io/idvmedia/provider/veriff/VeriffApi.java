package io.idvmedia.provider.veriff;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Veriff's API, as far as these functions use it, under {@code idv.veriff.base-url}. Every path names exactly one
 * id, which {@link VeriffProvider#signing} signs; every answer's body is checked against its signature. The media
 * path is declared here and sent over the media transport (see
 * {@link io.idvmedia.provider.http.ProviderCalls#openMedia}).
 */
@RegisterRestClient(configKey = "veriff")
@Produces(MediaType.APPLICATION_JSON)
public interface VeriffApi {

    /** Veriff's signature header: HMAC-SHA256 of the id in the path or of the body (requests, answers, webhooks). */
    String SIGNATURE_HEADER = "X-HMAC-SIGNATURE";

    /** A media item's bytes; fetched by the media transport, declared here for its path. */
    String MEDIA = "/media/{mediaId}";

    @GET
    @Path("/sessions/{sessionId}/decision")
    Response decision(@PathParam("sessionId") String sessionId);

    @GET
    @Path("/sessions/{sessionId}/media")
    Response sessionMedia(@PathParam("sessionId") String sessionId);

    @DELETE
    @Path("/sessions/{sessionId}")
    Response deleteSession(@PathParam("sessionId") String sessionId);

    @GET
    @Path(MEDIA)
    Response media(@PathParam("mediaId") String mediaId);
}
