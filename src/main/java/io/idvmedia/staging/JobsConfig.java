package io.idvmedia.staging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** {@code idv.jobs.*}: where staging jobs go, and how they run. */
@ConfigMapping(prefix = "idv.jobs")
public interface JobsConfig {

    /** The SQS queue staging jobs are sent to (the stage-session function consumes it); absent: run in-process. */
    Optional<String> queueUrl();

    /** The SQS client's region and endpoint; the AWS SDK's own lookup when absent (endpoint: SQS-compatible only). */
    Sqs sqs();

    /** Jobs run at once by the in-process executor (the local server). */
    @WithDefault("2")
    int workers();

    /** Jobs the in-process executor holds waiting; one more is answered 503 with Retry-After. */
    @WithDefault("100")
    int backlog();

    /** The longest one in-process job runs before what is left is queued again as a new job. */
    @WithDefault("10m")
    Duration timeBudget();

    /**
     * How long a copy staged by a job (a completed session's media, which no longer change) is served without
     * asking the provider again; on-demand copies live {@code idv.media.staged-max-age}. Keep it under the bucket's
     * expiry of staged copies.
     */
    @WithDefault("24h")
    Duration stagedMaxAge();

    /**
     * How long a staging job queued for a media (get-media's 202) stands for every later request of that media:
     * within it, asking again queues nothing. The job gives it up when it ends.
     */
    @WithDefault("15m")
    Duration dedupeWindow();

    /** Attempts per media item when the provider or the store fails in a way that may pass. */
    @WithDefault("3")
    int itemAttempts();

    /** The SQS client. */
    interface Sqs {
        Optional<String> region();

        Optional<URI> endpoint();
    }
}
