package io.idvmedia.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 GET over a plain socket that reports what was on the wire: whether the body reached the end its own
 * framing declares (all of its {@code Content-Length}, or the last chunk), which is how any HTTP client decides that
 * a body is complete. Clients differ in how loudly they report a body that is not, so the abort tests look at the
 * framing itself. The body is counted, and its last bytes kept, not held whole.
 */
public final class RawHttp {

    private static final int TAIL = 4096;

    private RawHttp() {
    }

    /** What came back: status, headers (names in lower case), body size, its last bytes, and completeness. */
    public record Exchange(int status, Map<String, String> headers, long bodyBytes, byte[] tail, boolean complete) {

        /** The last bytes of the body as text, to look for a problem document spliced onto it. */
        public String tailText() {
            return new String(tail, StandardCharsets.ISO_8859_1);
        }
    }

    public static Exchange get(int port, String pathAndQuery) {
        try (Held held = open(port, pathAndQuery)) {
            return held.finish();
        }
    }

    /**
     * Sends a GET and reads only the status line and headers: the body is left unread until {@link Held#finish},
     * as a caller that stops reading would leave it.
     */
    public static Held open(int port, String pathAndQuery) {
        return open(port, pathAndQuery, Grants.forPath(pathAndQuery), 0);
    }

    /**
     * As {@link #open(int, String)}, with a grant of the test's own ({@code null}: none) and, when positive, a receive
     * buffer of that size (so that a slow reader is felt by the server soon, not after megabytes of buffers).
     */
    public static Held open(int port, String pathAndQuery, String grant, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("localhost", port));
            socket.setSoTimeout(15_000);
            String authorization = grant == null ? "" : "Authorization: Bearer " + grant + "\r\n";
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\n" + authorization
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1)
                        .trim());
            }
            return new Held(socket, status, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response whose head has been read and whose body has not. */
    public static final class Held implements AutoCloseable {
        private final Socket socket;
        private final int status;
        private final Map<String, String> headers;

        private Held(Socket socket, int status, Map<String, String> headers) {
            this.socket = socket;
            this.status = status;
            this.headers = headers;
        }

        public int status() {
            return status;
        }

        /**
         * Reads the body at about {@code bytesPerSecond} (a piece every 100 ms) for at most {@code millis}, keeping
         * nothing.
         *
         * @return whether the connection ended (closed or reset) within that time
         */
        public boolean readSlowly(int bytesPerSecond, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            byte[] piece = new byte[Math.max(1, bytesPerSecond / 10)];
            try {
                InputStream in = socket.getInputStream();
                while (System.currentTimeMillis() < deadline) {
                    for (int got = 0; got < piece.length; ) {
                        int n = in.read(piece, got, piece.length - got);
                        if (n < 0) {
                            return true;
                        }
                        got += n;
                    }
                    Thread.sleep(100);
                }
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        public Map<String, String> headers() {
            return headers;
        }

        /** Reads the rest of the body, as far as the connection delivers it. */
        public Exchange finish() {
            try {
                InputStream in = socket.getInputStream();
                Body body = new Body();
                boolean complete;
                if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    complete = readChunks(in, body);
                } else if (headers.containsKey("content-length")) {
                    long declared = Long.parseLong(headers.get("content-length"));
                    complete = body.copy(in, declared) == declared;
                } else {
                    body.copy(in, Long.MAX_VALUE);
                    complete = false;
                }
                return new Exchange(status, headers, body.count, body.tail(), complete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closed either way.
            }
        }
    }

    private static boolean readChunks(InputStream in, Body body) throws IOException {
        while (true) {
            String size = line(in);
            if (size == null) {
                return false;
            }
            int semicolon = size.indexOf(';');
            long length = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                return line(in) != null;
            }
            if (body.copy(in, length) < length || line(in) == null) {
                return false;
            }
        }
    }

    /** A line without its CRLF; null at the end of the stream (or when the connection was reset). */
    private static String line(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int b = read(in);
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                int end = text.length();
                return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
            }
            text.append((char) b);
        }
    }

    private static int read(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    /** Counts body bytes and keeps the last few. */
    private static final class Body {
        private final byte[] ring = new byte[TAIL];
        private long count;

        long copy(InputStream in, long limit) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long copied = 0;
            while (copied < limit) {
                int n;
                try {
                    n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
                } catch (SocketException reset) {
                    n = -1;
                }
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    ring[(int) ((count + i) % TAIL)] = buffer[i];
                }
                count += n;
                copied += n;
            }
            return copied;
        }

        byte[] tail() {
            int kept = (int) Math.min(count, TAIL);
            byte[] out = new byte[kept];
            for (int i = 0; i < kept; i++) {
                out[i] = ring[(int) ((count - kept + i) % TAIL)];
            }
            return out;
        }
    }
}
