package io.idvmedia.provider.veriff;

/**
 * Veriff's API, as far as these functions use it, under {@code idv.veriff.base-url}: its paths, each sent by
 * {@link io.idvmedia.provider.http.ProviderCalls}. Every path names exactly one id, which
 * {@link VeriffProvider#signing} signs; every answer's body is checked against its signature.
 */
public final class VeriffApi {

    /** Veriff's signature header: HMAC-SHA256 of the id in the path or of the body (requests, answers, webhooks). */
    public static final String SIGNATURE_HEADER = "X-HMAC-SIGNATURE";

    /** A session's decision. */
    public static final String DECISION = "/sessions/{sessionId}/decision";
    /** A session's media list. */
    public static final String SESSION_MEDIA = "/sessions/{sessionId}/media";
    /** A session: DELETE deletes it. */
    public static final String SESSION = "/sessions/{sessionId}";
    /** A media item's bytes. */
    public static final String MEDIA = "/media/{mediaId}";

    private VeriffApi() {
    }
}
