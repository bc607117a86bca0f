package io.idvmedia.transfer;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.idvmedia.error.BusyException;
import io.idvmedia.media.MediaConfig;
import io.idvmedia.provider.http.HttpConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every media transfer of this instance: a bounded number at once ({@code idv.media.max-concurrent-transfers}, one
 * more is refused before any provider call), and a watchdog that aborts a transfer whose provider or caller makes no
 * progress for {@code idv.http.stall-timeout}, so that neither a stalled provider nor a slow reader keeps a worker.
 */
@ApplicationScoped
public class Transfers {

    /** Transfers by default, where direct memory allows. */
    static final int DEFAULT_LIMIT = 64;
    /** Direct memory counted per transfer when the limit is derived from it. */
    static final long DIRECT_BYTES_PER_TRANSFER = 1024L * 1024;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(Transfers.class);

    private final Semaphore permits;
    private final int limit;
    private final long stallNanos;
    private final long checkMillis;
    private final Set<Progress> watched = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService watchdog;

    @Inject
    public Transfers(HttpConfig http, MediaConfig media) {
        this(media.maxConcurrentTransfers().orElseGet(() -> defaultLimit(maxDirectMemory())), http.stallTimeout());
        if (media.maxConcurrentTransfers().isEmpty() && limit < DEFAULT_LIMIT) {
            LOG.infof("At most %d media transfers at once: the JVM has %d MiB of direct memory (set"
                    + " -XX:MaxDirectMemorySize, or idv.media.max-concurrent-transfers)", limit,
                    maxDirectMemory() / (1024 * 1024));
        }
    }

    Transfers(int limit, Duration stallTimeout) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.stallNanos = stallTimeout.toNanos();
        // Checked four times per stall timeout, so a stall is caught within a quarter of it.
        this.checkMillis = Math.max(50, Math.min(1000, stallTimeout.toMillis() / 4));
    }

    /** The default limit for this much direct memory. */
    static int defaultLimit(long directMemory) {
        return (int) Math.max(4, Math.min(DEFAULT_LIMIT, directMemory / DIRECT_BYTES_PER_TRANSFER));
    }

    /** What the JVM allows for direct buffers: -XX:MaxDirectMemorySize, or by default the heap's maximum. */
    static long maxDirectMemory() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long set = vm == null ? 0 : Long.parseLong(vm.getVMOption("MaxDirectMemorySize").getValue());
        return set > 0 ? set : Runtime.getRuntime().maxMemory();
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

    /** Transfers allowed at once. */
    public int limit() {
        return limit;
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
