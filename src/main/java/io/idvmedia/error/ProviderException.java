package io.idvmedia.error;

import java.time.Duration;

/**
 * A provider call failed: the provider answered an error, or could not be reached, or answered something
 * unusable. Carries the provider's status (for the access log) and any {@code Retry-After} it gave.
 */
public class ProviderException extends IdvException {

    public ProviderException(ProblemType type, String detail, int providerStatus) {
        super(type, detail, providerStatus, null, null);
    }

    public ProviderException(ProblemType type, String detail, int providerStatus, Duration retryAfter) {
        super(type, detail, providerStatus, retryAfter, null);
    }

    public ProviderException(ProblemType type, String detail, Throwable cause) {
        super(type, detail, null, null, cause);
    }
}
