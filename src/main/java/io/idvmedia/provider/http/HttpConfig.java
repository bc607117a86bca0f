package io.idvmedia.provider.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code idv.http.*}: timeouts and retries of every provider call. */
@ConfigMapping(prefix = "idv.http")
public interface HttpConfig {

    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest wait for the response headers, and for each piece of a body once it streams. */
    @WithDefault("30s")
    Duration readTimeout();

    /**
     * A media transfer that moves less than 64 KiB for this long, waiting on the provider's body or on the caller,
     * is aborted and its worker freed: it bounds a provider that trickles and a caller that reads slowly alike.
     */
    @WithDefault("30s")
    Duration stallTimeout();

    /**
     * Bytes per second a caller must take a media body at, averaged over the stall timeout's worth of time spent
     * waiting on it: a slower reader is cut off like a stalled one (0: only the 64 KiB of a stall).
     */
    @WithDefault("32768")
    long minRate();

    Retry retry();

    /** Retries of idempotent calls on connection failures, 429 and 5xx. */
    interface Retry {
        /** Attempts in all, the first included. */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("2s")
        Duration maxBackoff();

        /** No retry starts once this much time has passed since the first attempt. */
        @WithDefault("10s")
        Duration budget();
    }
}
