package io.idvmedia.transfer;

import io.idvmedia.error.MediaBodyException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.signing.ResponseSignatureException;
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
 * read then fails. Every failure of a provider body becomes a {@link MediaBodyException} here, and nowhere else.
 */
public final class Transfer implements Closeable {

    private final Transfers transfers;
    private final String caller;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Progress> sources = new CopyOnWriteArrayList<>();

    Transfer(Transfers transfers, String caller) {
        this.transfers = transfers;
        this.caller = caller;
    }

    /**
     * A provider body, watched while this transfer lasts; closing it closes the body (the transfer goes on: a
     * failed attempt may be followed by another).
     */
    public InputStream source(InputStream body, String provider, String mediaId) {
        Progress progress = new Progress("provider", () -> closeQuietly(body), Progress.UNIT);
        sources.add(progress);
        transfers.watch(progress);
        return new Source(body, progress, provider + "'s media " + mediaId);
    }

    /** Ends the transfer and frees its slot; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sources.forEach(transfers::unwatch);
            transfers.release(caller);
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
        private final String what;
        private long read;

        Source(InputStream in, Progress progress, String what) {
            this.in = in;
            this.progress = progress;
            this.what = what;
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
                throw failure(stalled(null));
            }
            progress.begin();
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                progress.end(0);
                throw failure(progress.stalled() ? stalled(e) : e);
            }
            progress.end(n);
            if (n > 0) {
                read += n;
            }
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

        /** What a failed read of a provider body means to a caller: the one place it is decided. */
        private MediaBodyException failure(IOException e) {
            if (e instanceof MediaBodyException already) {
                return already;
            }
            if (e instanceof ResponseSignatureException) {
                return new MediaBodyException(ProblemType.PROVIDER_BAD_RESPONSE,
                        "The response signature did not match " + what, false, e);
            }
            if (e instanceof SocketTimeoutException) {
                return new MediaBodyException(ProblemType.PROVIDER_TIMEOUT,
                        what + " stalled after " + read + " bytes", true, e);
            }
            return new MediaBodyException(ProblemType.PROVIDER_ERROR, what + " failed after " + read + " bytes ("
                    + e.getClass().getSimpleName() + ")", true, e);
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
