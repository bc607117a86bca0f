package io.idvmedia.provider.onfido;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Onfido's API (v3.6), as far as these functions use it, under {@code idv.onfido.base-url}; every request carries
 * {@code Authorization: Token token=...} (see {@link OnfidoProvider#signing}). The download path is declared here and
 * sent over the media transport (see {@link io.idvmedia.provider.http.ProviderCalls#openMedia}).
 */
@RegisterRestClient(configKey = "onfido")
public interface OnfidoApi {

    /** A media item's bytes; fetched by the media transport, declared here for its path. */
    String DOWNLOAD = "/{collection}/{mediaId}/download";

    @GET
    @Path("/workflow_runs/{runId}")
    @Produces(MediaType.APPLICATION_JSON)
    Response workflowRun(@PathParam("runId") String runId);

    /** The account's workflow runs, newest first, a page at a time (an array; an empty one past the last page). */
    @GET
    @Path("/workflow_runs")
    @Produces(MediaType.APPLICATION_JSON)
    Response workflowRuns(@QueryParam("page") int page, @QueryParam("sort") String sort);

    /** One of the applicant's media lists: {@code documents}, {@code live_photos}, ... */
    @GET
    @Path("/{collection}")
    @Produces(MediaType.APPLICATION_JSON)
    Response list(@PathParam("collection") String collection, @QueryParam("applicant_id") String applicantId);

    @GET
    @Path(DOWNLOAD)
    Response download(@PathParam("collection") String collection, @PathParam("mediaId") String mediaId);

    @DELETE
    @Path("/applicants/{applicantId}")
    @Produces(MediaType.APPLICATION_JSON)
    Response deleteApplicant(@PathParam("applicantId") String applicantId);
}
