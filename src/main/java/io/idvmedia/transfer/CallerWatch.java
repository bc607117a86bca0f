package io.idvmedia.transfer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes to a caller, timed by the watchdog: a caller that takes more than the stall timeout to accept a piece of
 * the body has its connection dropped (the abort given to {@link Transfers#watchCaller}), which fails the blocked
 * write and frees the worker.
 */
public final class CallerWatch implements AutoCloseable {

    private final Transfers transfers;
    private final Progress progress;

    CallerWatch(Transfers transfers, Progress progress) {
        this.transfers = transfers;
        this.progress = progress;
        transfers.watch(progress);
    }

    /** The caller's stream, each write timed; closing the returned stream does not close {@code out}. */
    public OutputStream wrap(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                progress.begin();
                try {
                    out.write(b, off, len);
                } finally {
                    progress.end(len);
                }
            }

            @Override
            public void close() {
                // The framework owns the caller's stream.
            }
        };
    }

    /** Whether the caller was dropped for making no progress. */
    public boolean stalled() {
        return progress.stalled();
    }

    @Override
    public void close() {
        transfers.unwatch(progress);
    }
}
