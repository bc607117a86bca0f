package io.idvmedia.provider.http;

import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A provider's error answer, read.
 *
 * @param provider the provider's name
 * @param status its HTTP status
 * @param retryAfter its {@code Retry-After}, if any
 * @param code its error code, if its body had one
 * @param what what the call was about, for the detail of a 404
 */
public record ProviderError(String provider, int status, Optional<Duration> retryAfter, Optional<String> code,
        String what) {

    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** The provider's code when it is a short token, the only part of an error that is ever quoted. */
    public Optional<String> safeCode() {
        return code.filter(c -> SAFE_CODE.matcher(c).matches());
    }

    /**
     * The common mapping of the status to the problem a caller gets: 401/403 mean our credentials were rejected
     * (502), 404 is a 404, 409 a conflict, 429 is passed on with its {@code Retry-After}, 5xx is a 502. Only the
     * provider's code is ever quoted, never its message or body.
     */
    public ProviderException common() {
        String suffix = safeCode().map(c -> ", code " + c).orElse("");
        if (status == 401 || status == 403) {
            return new ProviderException(ProblemType.PROVIDER_AUTH_REJECTED,
                    provider + " rejected our credentials (HTTP " + status + suffix + ")", status);
        }
        if (status == 404) {
            return new ProviderException(ProblemType.NOT_FOUND, what + " not found at " + provider, status);
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
