package io.idvmedia.provider.yoti;

/**
 * Yoti IDV's API, as far as these functions use it, under {@code idv.yoti.base-url}: its paths, each sent by
 * {@link io.idvmedia.provider.http.ProviderCalls} and signed by {@link YotiRequestSigner}.
 */
public final class YotiApi {

    /** A session: GET reads it, DELETE deletes it with its media. */
    public static final String SESSION = "/sessions/{sessionId}";
    /** A media item's content: GET reads it, DELETE deletes it. */
    public static final String MEDIA_CONTENT = "/sessions/{sessionId}/media/{mediaId}/content";

    private YotiApi() {
    }
}
