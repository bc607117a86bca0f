package io.idvmedia.transfer;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.idvmedia.error.BusyException;
import io.idvmedia.error.CallerBusyException;
import io.idvmedia.media.MediaConfig;
import io.idvmedia.provider.http.HttpConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every media transfer of this instance: a bounded number at once ({@code idv.media.max-concurrent-transfers}, one
 * more is refused with 503 before any provider call), a share of them per caller
 * ({@code idv.media.max-transfers-per-caller}, one more is refused with 429, so one caller never takes the last slots
 * from the others), and a watchdog that aborts a transfer whose provider or caller makes no progress for
 * {@code idv.http.stall-timeout}, or whose caller takes the body slower than {@code idv.http.min-rate}, so that neither
 * a stalled provider nor a slow reader keeps a worker.
 */
@ApplicationScoped
public class Transfers {

    /** Transfers by default, where direct memory allows. */
    static final int DEFAULT_LIMIT = 64;
    /** Direct memory counted per transfer when the limit is derived from it. */
    static final long DIRECT_BYTES_PER_TRANSFER = 1024L * 1024;
    /** The caller of the instance's own work, which has no share of its own. */
    public static final String INTERNAL = "";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(Transfers.class);

    private final Semaphore permits;
    private final int limit;
    private final int perCaller;
    /** Transfers in progress by caller; a caller without any has no entry. */
    private final Map<String, Integer> byCaller = new ConcurrentHashMap<>();
    private final long stallNanos;
    /** Bytes a caller must take within the stall timeout's waiting: the minimum rate over that window. */
    private final long callerUnit;
    private final long checkMillis;
    private final Set<Progress> watched = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService watchdog;

    @Inject
    public Transfers(HttpConfig http, MediaConfig media) {
        this(media.maxConcurrentTransfers().orElseGet(() -> defaultLimit(maxDirectMemory())),
                media.maxTransfersPerCaller(), http.stallTimeout(), http.minRate());
        if (media.maxConcurrentTransfers().isEmpty() && limit < DEFAULT_LIMIT) {
            LOG.infof("At most %d media transfers at once: the JVM has %d MiB of direct memory (set"
                    + " -XX:MaxDirectMemorySize, or idv.media.max-concurrent-transfers)", limit,
                    maxDirectMemory() / (1024 * 1024));
        }
    }

    Transfers(int limit, Optional<Integer> perCaller, Duration stallTimeout, long minRate) {
        if (limit < 1) {
            throw new IllegalArgumentException("idv.media.max-concurrent-transfers must be at least 1");
        }
        if (perCaller.isPresent() && perCaller.get() < 1) {
            throw new IllegalArgumentException("idv.media.max-transfers-per-caller must be at least 1");
        }
        if (minRate < 0) {
            throw new IllegalArgumentException("idv.http.min-rate must not be negative");
        }
        this.limit = limit;
        this.perCaller = Math.min(limit, perCaller.orElseGet(() -> defaultShare(limit)));
        this.permits = new Semaphore(limit);
        this.stallNanos = stallTimeout.toNanos();
        this.callerUnit = Math.max(Progress.UNIT, (long) (minRate * (stallTimeout.toMillis() / 1000.0)));
        // Checked four times per stall timeout, so a stall is caught within a quarter of it.
        this.checkMillis = Math.max(50, Math.min(1000, stallTimeout.toMillis() / 4));
    }

    /** A caller's share by default: a quarter of the instance's transfers, at least one. */
    static int defaultShare(int limit) {
        return Math.max(1, limit / 4);
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

    /**
     * Takes one of the instance's transfer slots for a caller: refused with 429 when the caller already holds its
     * share, and with 503 busy when all slots are taken.
     *
     * @param caller who the transfer is for (a grant's subject, an address); {@link #INTERNAL} for the instance's own
     *     work (staging jobs), which only the instance's limit bounds
     */
    public Transfer begin(String caller) {
        if (!caller.equals(INTERNAL) && !takeShare(caller)) {
            throw new CallerBusyException("This caller already has " + perCaller + " media transfers running here,"
                    + " its share of this instance; retry when one has ended", RETRY_AFTER);
        }
        if (!permits.tryAcquire()) {
            giveBackShare(caller);
            throw new BusyException("This instance is already transferring " + limit + " media; retry shortly",
                    RETRY_AFTER);
        }
        startWatchdog();
        return new Transfer(this, caller);
    }

    private boolean takeShare(String caller) {
        boolean[] taken = new boolean[1];
        byCaller.compute(caller, (key, running) -> {
            int now = running == null ? 0 : running;
            taken[0] = now < perCaller;
            return taken[0] ? now + 1 : running;
        });
        return taken[0];
    }

    private void giveBackShare(String caller) {
        if (!caller.equals(INTERNAL)) {
            byCaller.computeIfPresent(caller, (key, running) -> running <= 1 ? null : running - 1);
        }
    }

    /**
     * Watches writes to a caller outside any transfer slot (the slot belongs to the provider side).
     *
     * @param abort what drops the caller's connection when it stalls
     */
    public CallerWatch watchCaller(Runnable abort) {
        startWatchdog();
        return new CallerWatch(this, new Progress("caller", abort, callerUnit));
    }

    /** Transfers in progress. */
    public int active() {
        return limit - permits.availablePermits();
    }

    /** Transfers allowed at once. */
    public int limit() {
        return limit;
    }

    /** Transfers one caller may run at once. */
    public int perCaller() {
        return perCaller;
    }

    /** Callers with transfers in progress. */
    public int callers() {
        return byCaller.size();
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

    void release(String caller) {
        giveBackShare(caller);
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
