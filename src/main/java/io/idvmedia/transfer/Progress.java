package io.idvmedia.transfer;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One direction of a transfer as the watchdog sees it: how long the transferring thread has waited inside reads (or
 * writes) since the last unit of bytes moved. Time spent elsewhere (waiting on the other direction) does not count,
 * so a provider is never blamed for a slow caller, nor the other way round. With a unit of the minimum rate times the
 * stall timeout, a direction that moves less than that rate, averaged over the time it kept the transfer waiting, is
 * cut off like a stalled one, however steadily it trickles.
 */
final class Progress {

    /** Bytes that count as progress at least: less than this within the stall timeout is a stall. */
    static final long UNIT = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(Progress.class);

    private final String direction;
    private final Runnable abort;
    private final long unit;
    private final AtomicBoolean stalled = new AtomicBoolean();
    /** {@link System#nanoTime()} when the call in progress began; 0 when none is. */
    private volatile long busySince;
    /** Time waited in finished calls since the last unit of progress. */
    private volatile long waited;
    private long bytesSinceMark;

    Progress(String direction, Runnable abort, long unit) {
        this.direction = direction;
        this.abort = abort;
        this.unit = unit;
    }

    void begin() {
        busySince = System.nanoTime() | 1;
    }

    /**
     * @param moved bytes moved by the call just finished, or -1 at the end of the stream (which is progress too)
     */
    void end(long moved) {
        long since = busySince;
        busySince = 0;
        long spent = since == 0 ? 0 : System.nanoTime() - since;
        if (moved < 0 || bytesSinceMark + moved >= unit) {
            bytesSinceMark = 0;
            waited = 0;
        } else {
            bytesSinceMark += moved;
            waited += spent;
        }
    }

    /** Called by the watchdog: aborts this direction when it has waited longer than the limit without progress. */
    void check(long now, long limitNanos) {
        long since = busySince;
        long waiting = waited + (since == 0 ? 0 : now - since);
        if (waiting > limitNanos && stalled.compareAndSet(false, true)) {
            LOG.infof("A media transfer made no progress from the %s for %d ms (less than %d bytes moved);"
                    + " aborting it", direction, waiting / 1_000_000, unit);
            try {
                abort.run();
            } catch (RuntimeException e) {
                LOG.debugf("Aborting a stalled transfer failed (%s)", e.getClass().getSimpleName());
            }
        }
    }

    boolean stalled() {
        return stalled.get();
    }

    String direction() {
        return direction;
    }
}
