package io.idvmedia.transfer;

import io.idvmedia.error.BusyException;
import io.idvmedia.media.MediaConfig;
import io.idvmedia.provider.http.HttpConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Every media transfer of this instance: a bounded number at once ({@code idv.media.max-concurrent-transfers}, one
 * more is refused before any provider call), and a watchdog that aborts a transfer whose provider or caller makes no
 * progress for {@code idv.http.stall-timeout}, so that neither a stalled provider nor a slow reader keeps a worker.
 */
@ApplicationScoped
public class Transfers {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore permits;
    private final int limit;
    private final long stallNanos;
    private final long checkMillis;
    private final Set<Progress> watched = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService watchdog;

    @Inject
    public Transfers(HttpConfig http, MediaConfig media) {
        this(media.maxConcurrentTransfers(), http.stallTimeout());
    }

    Transfers(int limit, Duration stallTimeout) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.stallNanos = stallTimeout.toNanos();
        // Checked four times per stall timeout, so a stall is caught within a quarter of it.
        this.checkMillis = Math.max(50, Math.min(1000, stallTimeout.toMillis() / 4));
    }

    /** Takes one of the instance's transfer slots, or refuses with 503 busy when all are taken. */
    public Transfer begin() {
        if (!permits.tryAcquire()) {
            throw new BusyException("This instance is already transferring " + limit + " media; retry shortly",
                    RETRY_AFTER);
        }
        startWatchdog();
        return new Transfer(this);
    }

    /**
     * Watches writes to a caller outside any transfer slot (the slot belongs to the provider side).
     *
     * @param abort what drops the caller's connection when it stalls
     */
    public CallerWatch watchCaller(Runnable abort) {
        startWatchdog();
        return new CallerWatch(this, new Progress("caller", abort));
    }

    /** Transfers in progress. */
    public int active() {
        return limit - permits.availablePermits();
    }

    Duration stallTimeout() {
        return Duration.ofNanos(stallNanos);
    }

    void watch(Progress progress) {
        watched.add(progress);
    }

    void unwatch(Progress progress) {
        watched.remove(progress);
    }

    void release() {
        permits.release();
    }

    /** Started with the first transfer, not at start-up: a function snapshotted at init holds no thread. */
    private synchronized void startWatchdog() {
        if (watchdog == null) {
            watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "idv-transfer-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            watchdog.scheduleAtFixedRate(this::check, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void check() {
        long now = System.nanoTime();
        for (Progress progress : watched) {
            progress.check(now, stallNanos);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
    }
}
