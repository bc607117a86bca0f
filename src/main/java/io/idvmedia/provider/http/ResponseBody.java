package io.idvmedia.provider.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;

/**
 * A response body as it comes off the connection, made strict: a body shorter than its {@code Content-Length}
 * fails with an {@link EOFException} instead of ending quietly (the JDK's fixed-length stream just reports the end),
 * and a body closed before its end drops the connection rather than reading the rest to reuse it.
 */
final class ResponseBody extends InputStream {

    private final InputStream in;
    private final HttpURLConnection connection;
    private final long expected;
    private long read;
    private boolean ended;

    /**
     * @param expected the declared length, or -1 when none was declared (chunked or close-delimited)
     */
    ResponseBody(InputStream in, HttpURLConnection connection, long expected) {
        this.in = in;
        this.connection = connection;
        this.expected = expected;
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
        int n = in.read(b, off, len);
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
