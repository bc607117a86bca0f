package io.idvmedia.staging;

import io.idvmedia.access.OperationName;
import io.idvmedia.error.BusyException;
import io.idvmedia.error.IdvException;
import io.idvmedia.telemetry.OperationContext;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Jobs run by a bounded executor in this process, for the local server (no queue): a fixed number of workers and a
 * bounded backlog, beyond which a submission is refused (503 with Retry-After, so that a provider retries its
 * webhook). Each job runs for at most the time budget; what it had no time for is submitted again. Jobs waiting
 * here are lost if the process stops: {@link #durable()} is false.
 */
public final class InProcessJobQueue implements JobQueue {

    private static final Logger LOG = Logger.getLogger(InProcessJobQueue.class);

    private final StageSessionOperation stage;
    private final Duration budget;
    private final Clock clock;
    private final ThreadPoolExecutor executor;

    InProcessJobQueue(StageSessionOperation stage, int workers, int backlog, Duration budget, Clock clock) {
        this.stage = stage;
        this.budget = budget;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        // Threads are started by the first job, never at start-up.
        this.executor = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(backlog), r -> {
                    Thread t = new Thread(r, "staging-job-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public void submit(StagingJob job) {
        try {
            executor.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            throw new BusyException("Too many staging jobs are waiting; retry shortly", Duration.ofSeconds(30));
        }
    }

    private void run(StagingJob job) {
        try (OperationContext.Scope ignored = OperationContext.enter(OperationName.STAGE_SESSION.id())) {
            StagingReport report = stage.run(job, clock.instant().plus(budget));
            if (!report.pending().isEmpty()) {
                submit(job.continued());
            }
        } catch (IdvException e) {
            LOG.warnf("Staging job for session %s of %s failed: %s", job.sessionId(), job.provider(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Staging job for session %s of %s failed", job.sessionId(), job.provider());
        }
    }

    @Override
    public boolean durable() {
        return false;
    }

    /** Jobs this queue has accepted since it started (continuations included). */
    public long accepted() {
        return executor.getTaskCount();
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
