package io.idvmedia.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One transfer slot, held from before the provider call until the transfer is closed. The provider body read through
 * {@link #source} is watched: when it makes no progress for the stall timeout it is closed under the reader, whose
 * read then fails with a {@link SocketTimeoutException}.
 */
public final class Transfer implements Closeable {

    private final Transfers transfers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Progress> sources = new CopyOnWriteArrayList<>();

    Transfer(Transfers transfers) {
        this.transfers = transfers;
    }

    /**
     * A provider body, watched while this transfer lasts; closing it closes the body (the transfer goes on: a
     * failed attempt may be followed by another).
     */
    public InputStream source(InputStream body) {
        Progress progress = new Progress("provider", () -> closeQuietly(body));
        sources.add(progress);
        transfers.watch(progress);
        return new Source(body, progress);
    }

    /** Ends the transfer and frees its slot; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sources.forEach(transfers::unwatch);
            transfers.release();
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException | RuntimeException e) {
            // Dropped either way.
        }
    }

    /** A provider body whose reads the watchdog times. */
    private final class Source extends InputStream {

        private final InputStream in;
        private final Progress progress;

        Source(InputStream in, Progress progress) {
            this.in = in;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (progress.stalled()) {
                throw stalled(null);
            }
            progress.begin();
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                progress.end(0);
                throw progress.stalled() ? stalled(e) : e;
            }
            progress.end(n);
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
            } finally {
                sources.remove(progress);
                transfers.unwatch(progress);
            }
        }

        private SocketTimeoutException stalled(IOException cause) {
            SocketTimeoutException e = new SocketTimeoutException("The provider sent less than " + Progress.UNIT
                    + " bytes in " + transfers.stallTimeout().toMillis() + " ms");
            if (cause != null) {
                e.initCause(cause);
            }
            return e;
        }
    }
}
