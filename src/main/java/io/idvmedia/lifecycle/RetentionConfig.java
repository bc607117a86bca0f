package io.idvmedia.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code idv.retention.*}: how long each provider's sessions are kept after completion
 * ({@code idv.retention.{provider}}, an ISO-8601 duration such as {@code P30D}; absent, that provider's sessions are
 * never purged), how often purge runs go, and how much each may do.
 */
@ConfigMapping(prefix = "idv.retention")
public interface RetentionConfig {

    /** Yoti's sessions are purged this long after completion. */
    Optional<Duration> yoti();

    /** Veriff's sessions are purged this long after completion. */
    Optional<Duration> veriff();

    /** Onfido's workflow runs (with their applicants) are purged this long after completion. */
    Optional<Duration> onfido();

    /** Sumsub's applicants' copies are purged this long after completion (Sumsub offers no erasure through its API). */
    Optional<Duration> sumsub();

    /** The retention of a provider's sessions, by the provider's name. */
    default Optional<Duration> of(String provider) {
        return switch (provider) {
            case "yoti" -> yoti();
            case "veriff" -> veriff();
            case "onfido" -> onfido();
            case "sumsub" -> sumsub();
            default -> Optional.empty();
        };
    }

    /** How often the server runs a purge in its own process (a Lambda deployment schedules purge-expired instead). */
    @WithDefault("PT1H")
    Duration interval();

    /** The most sessions one run deletes (or, in a dry run, lists); the rest wait for the next run. */
    @WithDefault("100")
    int maxPerRun();

    /** A dry run lists what it would delete, in its log and its report, and deletes nothing. */
    @WithDefault("false")
    boolean dryRun();
}
