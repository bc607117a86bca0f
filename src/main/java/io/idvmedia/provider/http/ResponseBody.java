package io.idvmedia.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;

/**
 * A body as it comes off an {@link HttpURLConnection}, strict about its length ({@link DeclaredLengthBody}); closed
 * before its end, it drops the connection rather than reading the rest to reuse it.
 */
final class ResponseBody extends DeclaredLengthBody {

    /**
     * The most read from the socket at once. The JDK reads a socket through a temporary direct buffer as large as the
     * read, and keeps it cached in the reading thread: 256 KiB reads left 256 KiB of direct memory in every worker
     * thread that ever streamed, and 32 concurrent streams exhausted a 64 MiB heap's direct memory (measured with the
     * benchmark's concurrency part); 64 KiB reads keep that to 64 KiB per thread.
     */
    static final int MAX_READ = 64 * 1024;

    private final InputStream in;
    private final HttpURLConnection connection;

    /** @param expected the declared length, or -1 when none was declared (chunked or close-delimited) */
    ResponseBody(InputStream in, HttpURLConnection connection, long expected) {
        super(expected);
        this.in = in;
        this.connection = connection;
    }

    @Override
    int readSome(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, Math.min(len, MAX_READ));
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        if (ended()) {
            in.close();
        } else {
            connection.disconnect();
        }
    }
}
