package io.idvmedia.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * A provider's response body made strict: a body shorter than its {@code Content-Length} fails with an
 * {@link EOFException} instead of ending quietly (the JDK's fixed-length stream just reports the end). A document (a
 * session, an error) read through
 * {@link #readDocument} must moreover arrive whole by a deadline, however it trickles.
 */
abstract class DeclaredLengthBody extends InputStream {

    private final long expected;
    private long read;
    private boolean ended;

    /** @param expected the declared length, or -1 when none was declared (chunked or close-delimited) */
    DeclaredLengthBody(long expected) {
        this.expected = expected;
    }

    /** One read from the transport's stream, as {@link InputStream#read(byte[], int, int)}. */
    abstract int readSome(byte[] b, int off, int len) throws IOException;

    /** Whether the body was read to its end (then the connection can be reused). */
    final boolean ended() {
        return ended;
    }

    /**
     * Reads up to {@code limit} bytes of a body that is read whole. Each read is bounded by the transport's read
     * timeout; the whole is bounded by {@code deadline} (a {@link System#nanoTime()}), so that a provider sending a
     * byte now and then cannot hold a worker for longer.
     */
    static byte[] readDocument(InputStream body, int limit, long deadline) throws IOException {
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (document.size() < limit) {
            int n = body.read(buffer, 0, Math.min(buffer.length, limit - document.size()));
            if (n < 0) {
                break;
            }
            document.write(buffer, 0, n);
            if (System.nanoTime() - deadline > 0) {
                throw new SocketTimeoutException("The response did not arrive whole in time (" + document.size()
                        + " bytes so far)");
            }
        }
        return document.toByteArray();
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = readSome(b, off, len);
        if (n < 0) {
            if (expected >= 0 && read < expected) {
                throw new EOFException("The provider's body ended after " + read + " of " + expected + " bytes");
            }
            ended = true;
            return -1;
        }
        read += n;
        if (expected >= 0 && read == expected) {
            ended = true;
        }
        return n;
    }
}
