package io.idvmedia.provider.onfido;

/**
 * Onfido's API (v3.6), as far as these functions use it, under {@code idv.onfido.base-url}: its paths, each sent by
 * {@link io.idvmedia.provider.http.ProviderCalls} with {@code Authorization: Token token=...} (see
 * {@link OnfidoProvider#signing}).
 */
public final class OnfidoApi {

    /** A workflow run (a session). */
    public static final String WORKFLOW_RUN = "/workflow_runs/{runId}";
    /** The account's workflow runs, a page at a time ({@code page}, {@code sort}): an array, empty past the last. */
    public static final String WORKFLOW_RUNS = "/workflow_runs";
    /** One of the applicant's media lists ({@code documents}, {@code live_photos}, ...; {@code applicant_id}). */
    public static final String LIST = "/{collection}";
    /** A media item's bytes. */
    public static final String DOWNLOAD = "/{collection}/{mediaId}/download";
    /** An applicant: DELETE deletes it with every run of theirs. */
    public static final String APPLICANT = "/applicants/{applicantId}";

    private OnfidoApi() {
    }
}
