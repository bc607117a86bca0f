package io.idvmedia.provider.yoti;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Yoti IDV's API, as far as these functions use it, under {@code idv.yoti.base-url}; every request is signed by
 * {@link YotiSigning}. The session and the deletes go through the REST Client; the media path is declared here and
 * sent over the media transport (see {@link io.idvmedia.provider.http.ProviderCalls#openMedia}).
 */
@RegisterRestClient(configKey = "yoti")
public interface YotiApi {

    /** A media item's content; fetched by the media transport, declared here for its path. */
    String MEDIA_CONTENT = "/sessions/{sessionId}/media/{mediaId}/content";

    @GET
    @Path("/sessions/{sessionId}")
    @Produces(MediaType.APPLICATION_JSON)
    Response session(@PathParam("sessionId") String sessionId);

    @DELETE
    @Path("/sessions/{sessionId}")
    @Produces(MediaType.APPLICATION_JSON)
    Response deleteSession(@PathParam("sessionId") String sessionId);

    @GET
    @Path(MEDIA_CONTENT)
    Response mediaContent(@PathParam("sessionId") String sessionId, @PathParam("mediaId") String mediaId);

    @DELETE
    @Path("/sessions/{sessionId}/media/{mediaId}/content")
    @Produces(MediaType.APPLICATION_JSON)
    Response deleteMediaContent(@PathParam("sessionId") String sessionId, @PathParam("mediaId") String mediaId);
}
