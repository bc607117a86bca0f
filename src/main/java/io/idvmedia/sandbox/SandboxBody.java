package io.idvmedia.sandbox;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A sandbox media body as a provider sends it: copied until the end, or until the client hangs up, which ends it
 * quietly (as a provider's server would), or broken on purpose after a given number of bytes; no faster than the
 * sandbox's rate limit, when one is set.
 */
final class SandboxBody {

    private static final int COPY_BUFFER = 64 * 1024;

    private SandboxBody() {
    }

    /**
     * @param breaksAfter where the connection breaks on purpose, or -1
     * @param bytesPerSecond the most sent per second, or 0 for no limit
     */
    static StreamingOutput of(RoutingContext rc, Supplier<InputStream> content, long breaksAfter,
            long bytesPerSecond) {
        return out -> {
            try (InputStream in = content.get()) {
                byte[] buffer = new byte[COPY_BUFFER];
                long started = System.nanoTime();
                long sent = 0;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (breaksAfter >= 0 && sent + n > breaksAfter) {
                        throw new IOException("The sandbox breaks this connection on purpose");
                    }
                    try {
                        out.write(buffer, 0, n);
                    } catch (IOException e) {
                        if (rc.response().closed()) {
                            return;
                        }
                        throw e;
                    }
                    sent += n;
                    throttle(started, sent, bytesPerSecond);
                }
            }
        };
    }

    /** Sleeps until sending {@code sent} bytes since {@code started} keeps to the rate. */
    private static void throttle(long started, long sent, long bytesPerSecond) throws IOException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long ahead = started + (long) (sent * 1e9 / bytesPerSecond) - System.nanoTime();
        if (ahead > 0) {
            try {
                Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while sending", e);
            }
        }
    }
}
