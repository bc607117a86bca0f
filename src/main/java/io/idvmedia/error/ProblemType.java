package io.idvmedia.error;

/** Every kind of failure the functions report, with its stable problem type URI, title and HTTP status. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "Invalid request", 400),
    GRANT_INVALID("invalid-grant", "The grant is missing or invalid", 401),
    WEBHOOK_UNAUTHENTICATED("webhook-unauthenticated", "The webhook's authentication is missing or wrong", 401),
    GRANT_INSUFFICIENT("grant-insufficient", "The grant does not cover this request", 403),
    URL_REJECTED("url-rejected", "The URL is invalid or has expired", 403),
    UNKNOWN_PROVIDER("unknown-provider", "Unknown provider", 404),
    NOT_FOUND("not-found", "Not found", 404),
    CONFLICT("conflict", "Conflict with the provider's state", 409),
    SESSION_HELD("session-held", "The session is under a legal hold", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", "Range not satisfiable", 416),
    RATE_LIMITED("rate-limited", "Rate limited by the provider", 429),
    CALLER_BUSY("caller-busy", "This caller has its share of transfers running; retry when one ends", 429),
    INTERNAL("internal", "Internal error", 500),
    STORE_FORBIDDEN("store-forbidden", "The media store refused this function's permissions", 500),
    NOT_IMPLEMENTED("not-implemented", "Not implemented", 501),
    NOT_SUPPORTED_BY_PROVIDER("not-supported-by-provider", "The provider does not offer this operation", 501),
    PROVIDER_AUTH_REJECTED("provider-auth-rejected", "The provider rejected our credentials", 502),
    PROVIDER_ERROR("provider-error", "The provider failed", 502),
    PROVIDER_BAD_RESPONSE("provider-bad-response", "The provider's response was not usable", 502),
    PROVIDER_NOT_CONFIGURED("provider-not-configured", "Provider not configured", 503),
    ACCESS_NOT_CONFIGURED("access-not-configured", "Access control is not configured", 503),
    ACCESS_KEYS_UNAVAILABLE("access-keys-unavailable", "The keys to check grants with are unavailable", 503),
    BUSY("busy", "Too many transfers at once; retry shortly", 503),
    STORE_UNAVAILABLE("store-unavailable", "The media store failed", 503),
    QUEUE_UNAVAILABLE("queue-unavailable", "The job queue failed", 503),
    PROVIDER_TIMEOUT("provider-timeout", "The provider did not answer in time", 504);

    private static final String URI_PREFIX = "urn:idv-media:problem:";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
