package io.idvmedia.provider.sumsub;

/**
 * Sumsub's API, as far as these functions use it, under {@code idv.sumsub.base-url}: its paths, each sent by
 * {@link io.idvmedia.provider.http.ProviderCalls} with Sumsub's app token and request signature (see
 * {@link SumsubProvider#signing}). Only reads: Sumsub offers no erasure through its API.
 */
public final class SumsubApi {

    /** An applicant (a session), the document as Sumsub keeps it. */
    public static final String APPLICANT = "/resources/applicants/{applicantId}/one";
    /** Every image and video of an applicant, deactivated ones too: {@code {"items": [...], "totalItems"}}. */
    public static final String RESOURCES = "/resources/applicants/{applicantId}/metadata/resources";
    /** One image's or video's bytes, typed by the answer's {@code Content-Type}. */
    public static final String IMAGE = "/resources/applicants/{applicantId}/resources/{imageId}";

    /** The app token, a secret reference when deployed. */
    public static final String TOKEN_HEADER = "X-App-Token";
    /** Seconds since the epoch when the request was signed; Sumsub refuses one more than a minute off. */
    public static final String TIMESTAMP_HEADER = "X-App-Access-Ts";
    /** Lowercase hex HMAC-SHA256, with the secret key, of timestamp + METHOD + path and query + body. */
    public static final String SIGNATURE_HEADER = "X-App-Access-Sig";
    /** A webhook's digest of its raw body, and the digest's algorithm. */
    public static final String DIGEST_HEADER = "X-Payload-Digest";
    public static final String DIGEST_ALGORITHM_HEADER = "X-Payload-Digest-Alg";

    private SumsubApi() {
    }
}
