package io.idvmedia.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;

/**
 * A response body as it comes off the connection, made strict: a body shorter than its {@code Content-Length}
 * fails with an {@link EOFException} instead of ending quietly (the JDK's fixed-length stream just reports the end),
 * and a body closed before its end drops the connection rather than reading the rest to reuse it. A document (a
 * session, an error) read through {@link #readDocument} must arrive whole by a deadline, however it trickles.
 */
final class ResponseBody extends InputStream {

    /**
     * The most read from the socket at once. The JDK reads a socket through a temporary direct buffer as large as the
     * read, and keeps it cached in the reading thread: 256 KiB reads left 256 KiB of direct memory in every worker
     * thread that ever streamed, and 32 concurrent streams exhausted a 64 MiB heap's direct memory (measured with the
     * benchmark's concurrency part); 64 KiB reads keep that to 64 KiB per thread.
     */
    static final int MAX_READ = 64 * 1024;

    /** A document read without a deadline of its own (an error body, whose status already decided the answer). */
    static final long NO_DEADLINE = Long.MIN_VALUE;

    private final InputStream in;
    private final HttpURLConnection connection;
    private final long expected;
    private final long documentDeadline;
    private long read;
    private boolean ended;

    /**
     * @param expected the declared length, or -1 when none was declared (chunked or close-delimited)
     * @param documentDeadline the {@link System#nanoTime()} by which a document read whole must have arrived
     */
    ResponseBody(InputStream in, HttpURLConnection connection, long expected, long documentDeadline) {
        this.in = in;
        this.connection = connection;
        this.expected = expected;
        this.documentDeadline = documentDeadline;
    }

    /**
     * Reads up to {@code limit} bytes of a body that is read whole. Each read is bounded by the socket's read timeout;
     * a {@link ResponseBody} is also bounded as a whole by its document deadline, so that a provider sending a byte
     * now and then cannot hold a worker for longer.
     */
    static byte[] readDocument(InputStream body, int limit, long deadline) throws IOException {
        // deadline: the System.nanoTime() by which the document must have arrived whole, or NO_DEADLINE
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (document.size() < limit) {
            int n = body.read(buffer, 0, Math.min(buffer.length, limit - document.size()));
            if (n < 0) {
                break;
            }
            document.write(buffer, 0, n);
            long now = System.nanoTime();
            boolean late = deadline != NO_DEADLINE && now - deadline > 0
                    || body instanceof ResponseBody response && now - response.documentDeadline > 0;
            if (late) {
                throw new SocketTimeoutException("The response did not arrive whole in time (" + document.size()
                        + " bytes so far)");
            }
        }
        return document.toByteArray();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, Math.min(len, MAX_READ));
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

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        if (ended) {
            in.close();
        } else {
            connection.disconnect();
        }
    }
}
