package io.idvmedia.lifecycle;

import io.idvmedia.error.IdvException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The server's purge runs: every {@code idv.retention.interval}, in this process, when some provider has a retention.
 * A Lambda function never runs them ({@code AWS_LAMBDA_FUNCTION_NAME} is set there; the purge-expired function, on an
 * EventBridge schedule, does).
 */
public final class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    private static ScheduledExecutorService timer;

    RetentionSchedule() {
        // Never made: its observers are static.
    }

    /** Starts the runs on the server, without making the purge (nor what it holds) at start-up elsewhere. */
    static synchronized void start(@Observes StartupEvent started, RetentionConfig config,
            Instance<RetentionPurge> purges) {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null) {
            return;
        }
        RetentionPurge purge = purges.get();
        if (purge.periods().isEmpty()) {
            return;
        }
        Duration interval = config.interval();
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("idv.retention.interval must be positive");
        }
        LOG.infof("Purge runs every %s in this process (retention %s, at most %d sessions a run%s)", interval,
                purge.periods(), config.maxPerRun(), config.dryRun() ? ", dry run" : "");
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "idv-retention");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> runOnce(purge), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    static synchronized void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private static void runOnce(RetentionPurge purge) {
        try {
            purge.run();
        } catch (IdvException e) {
            LOG.warnf("A purge run failed (the next one tries again): %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("A purge run failed (the next one tries again)", e);
        }
    }
}
