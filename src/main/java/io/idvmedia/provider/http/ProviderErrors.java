package io.idvmedia.provider.http;

import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The common mapping of a provider's error status to the problem a caller gets: 401/403 mean our credentials
 * were rejected (502), 404 is a 404, 409 a conflict, 429 is passed on with its {@code Retry-After}, 5xx is a 502.
 * Only a provider's error code (a short token) is ever quoted, never its message or body.
 */
public final class ProviderErrors {

    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private ProviderErrors() {
    }

    /**
     * @param provider provider name
     * @param status the provider's HTTP status
     * @param retryAfter the provider's {@code Retry-After}, if any
     * @param code the provider's error code, if its body had one
     * @param notFound what was not found, for the detail of a 404
     */
    public static ProviderException fromStatus(String provider, int status, Optional<Duration> retryAfter,
            Optional<String> code, String notFound) {
        String suffix = code.filter(c -> SAFE_CODE.matcher(c).matches()).map(c -> ", code " + c).orElse("");
        if (status == 401 || status == 403) {
            return new ProviderException(ProblemType.PROVIDER_AUTH_REJECTED,
                    provider + " rejected our credentials (HTTP " + status + suffix + ")", status);
        }
        if (status == 404) {
            return new ProviderException(ProblemType.NOT_FOUND, notFound + " not found at " + provider, status);
        }
        if (status == 409) {
            return new ProviderException(ProblemType.CONFLICT,
                    provider + " refused the request in the current state of the session (HTTP 409" + suffix + ")",
                    status);
        }
        if (status == 429) {
            return new ProviderException(ProblemType.RATE_LIMITED,
                    provider + " is rate limiting our calls; retry later", status, retryAfter.orElse(null));
        }
        if (status == 504) {
            return new ProviderException(ProblemType.PROVIDER_TIMEOUT,
                    provider + " timed out (HTTP 504)", status);
        }
        return new ProviderException(ProblemType.PROVIDER_ERROR,
                provider + " answered HTTP " + status + suffix, status);
    }
}
