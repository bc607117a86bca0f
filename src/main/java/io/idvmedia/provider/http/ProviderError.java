package io.idvmedia.provider.http;

import io.idvmedia.error.ProviderException;
import java.time.Duration;
import java.util.Optional;

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

    /** The common mapping of the status (see {@link ProviderErrors}). */
    public ProviderException common() {
        return ProviderErrors.fromStatus(provider, status, retryAfter, code, what);
    }
}
