package io.idvmedia.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on loopback that breaks a media body partway in ways WireMock cannot: a fixed-length
 * body cut short, a chunked body that never ends, a body that stalls after its first part, one that trickles a byte
 * at a time, and a large body sent as fast as the reader takes it. Every request gets the current {@link Mode}.
 */
public class FaultyMediaServer implements QuarkusTestResourceLifecycleManager {

    /** How the next responses break. */
    public enum Mode { TRUNCATED_FIXED_LENGTH, TRUNCATED_CHUNKED, STALL_MIDWAY, TRUNCATED_EARLY, TRICKLE, LARGE }

    public static final int DECLARED_LENGTH = 4 * 1024 * 1024;
    public static final int SENT_BEFORE_FAULT = 1024 * 1024;
    /**
     * More than the API reads before it answers (64 KiB), less than it hands to the connection at once (256 KiB): the
     * copy has begun, but the response has not started when the fault comes.
     */
    public static final int SENT_BEFORE_EARLY_FAULT = 128 * 1024;
    /** The size of the {@link Mode#LARGE} body. */
    public static final int LARGE_LENGTH = 64 * 1024 * 1024;
    /** How long a {@link Mode#TRICKLE} body goes on, one byte every 100 ms, after its first part. */
    public static final long TRICKLE_MILLIS = 20_000;

    private volatile Mode mode = Mode.TRUNCATED_FIXED_LENGTH;
    private final AtomicInteger requests = new AtomicInteger();
    private ServerSocket socket;
    private Thread acceptor;

    @Override
    public Map<String, String> start() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        acceptor = new Thread(this::acceptLoop, "faulty-media-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of(
                "idv.yoti.base-url", "http://127.0.0.1:" + socket.getLocalPort() + "/idverify/v1",
                "idv.yoti.sdk-id", "test-sdk-id",
                "idv.yoti.private-key", "file:src/test/resources/keys/test-key-pkcs1.pem",
                "idv.http.read-timeout", "1s");
    }

    public void mode(Mode next) {
        this.mode = next;
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread handler = new Thread(() -> serve(client), "faulty-media-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // Request headers are read and ignored.
            }
            requests.incrementAndGet();
            OutputStream out = client.getOutputStream();
            byte[] part = new byte[SENT_BEFORE_FAULT];
            Arrays.fill(part, (byte) 'x');
            switch (mode) {
                case TRUNCATED_FIXED_LENGTH -> {
                    out.write(head("Content-Length: " + DECLARED_LENGTH));
                    out.write(part);
                }
                case TRUNCATED_CHUNKED -> {
                    out.write(head("Transfer-Encoding: chunked"));
                    out.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(part);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                case TRUNCATED_EARLY -> {
                    out.write(head("Content-Length: " + DECLARED_LENGTH));
                    out.write(part, 0, SENT_BEFORE_EARLY_FAULT);
                }
                case STALL_MIDWAY -> {
                    out.write(head("Content-Length: " + DECLARED_LENGTH));
                    out.write(part);
                    out.flush();
                    Thread.sleep(10_000);
                }
                case TRICKLE -> {
                    out.write(head("Content-Length: " + DECLARED_LENGTH));
                    out.write(part);
                    out.flush();
                    for (long end = System.currentTimeMillis() + TRICKLE_MILLIS; System.currentTimeMillis() < end; ) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(100);
                    }
                }
                case LARGE -> {
                    out.write(head("Content-Length: " + LARGE_LENGTH));
                    // In 64 KiB writes: the JDK keeps a direct buffer as large as a thread's largest socket write.
                    for (int sent = 0; sent < LARGE_LENGTH; sent += 64 * 1024) {
                        out.write(part, 0, 64 * 1024);
                    }
                }
                default -> throw new IllegalStateException("Unknown mode " + mode);
            }
            out.flush();
        } catch (IOException | InterruptedException ignored) {
            // The connection ends either way; ending it abruptly is the point.
        }
    }

    private static byte[] head(String framing) {
        return ("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n" + framing + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this,
                new TestInjector.AnnotatedAndMatchesType(InjectFaultyMediaServer.class, FaultyMediaServer.class));
    }

    @Override
    public void stop() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Shutting down anyway.
        }
    }

    /** Marks the test field that receives the server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectFaultyMediaServer {
    }
}
