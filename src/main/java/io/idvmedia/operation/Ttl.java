package io.idvmedia.operation;

import io.idvmedia.error.InvalidRequestException;
import java.time.Duration;

/** The lifetime of a media URL: the caller's {@code ttl} in seconds, the default when absent, capped. */
public final class Ttl {

    private Ttl() {
    }

    public static Duration resolve(String seconds, Duration defaultTtl, Duration max) {
        if (seconds == null || seconds.isEmpty()) {
            return min(defaultTtl, max);
        }
        long value;
        try {
            value = Long.parseLong(seconds);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("ttl must be a whole number of seconds");
        }
        if (value <= 0) {
            throw new InvalidRequestException("ttl must be at least 1 second");
        }
        return min(Duration.ofSeconds(value), max);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
