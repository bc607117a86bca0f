package io.idvmedia.transfer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The copy loop of every streamed answer: a source (a provider's media body, or anything else streamed) to a caller
 * with a fixed buffer, the caller watched by {@link Transfers#watchCaller} (a stalled or too slow caller is dropped,
 * which fails the blocked write and frees the worker), and stopped as soon as the caller has gone. A failed read of
 * the source becomes the connection's problem, which drops the connection once the answer has started: a caller can
 * never take a truncated body for a complete one.
 */
@ApplicationScoped
public class StreamedCopy {

    /** The copy buffer, and how many bytes may be handed to the connection between two barriers. */
    public static final int BUFFER = 256 * 1024;

    /** What the copy needs of the connection it writes to; the adapter that owns the connection supplies it. */
    public interface Connection {

        /** Whether the caller has gone. */
        boolean closed();

        /** Records that the answer was cut short (the caller went, or was dropped). */
        void aborted();

        /** Drops the connection: the caller stalled. */
        void drop();

        /** Records how many bytes of the source were read so far. */
        void read(long bytes);

        /** Waits until the writes handed over so far are the connection's own to send (bounds the memory they hold). */
        void barrier();

        /** The problem a failed read of the source becomes (aborting the answer if it had started). */
        RuntimeException readFailed(IOException e);
    }

    private final Transfers transfers;

    @Inject
    public StreamedCopy(Transfers transfers) {
        this.transfers = transfers;
    }

    /** Copies the source to its end (closing it), or until the caller has gone or was dropped. */
    public void copy(InputStream source, OutputStream caller, Connection connection) throws IOException {
        try (InputStream in = source; CallerWatch watch = transfers.watchCaller(connection::drop)) {
            OutputStream out = watch.wrap(caller);
            byte[] buffer = new byte[BUFFER];
            long read = 0;
            long sinceBarrier = 0;
            while (true) {
                if (connection.closed()) {
                    // The caller has gone: stop reading; closing the source drops the provider's connection.
                    connection.aborted();
                    return;
                }
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw connection.readFailed(e);
                }
                if (n < 0) {
                    return;
                }
                read += n;
                connection.read(read);
                try {
                    out.write(buffer, 0, n);
                    sinceBarrier += n;
                    if (sinceBarrier >= BUFFER) {
                        connection.barrier();
                        sinceBarrier = 0;
                    }
                } catch (IOException e) {
                    if (watch.stalled() || connection.closed()) {
                        // Dropped for stalling, or gone: nothing is left to answer.
                        connection.aborted();
                        return;
                    }
                    throw e;
                }
            }
        }
    }
}
