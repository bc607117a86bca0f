package io.idvmedia.sandbox;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A sandbox media body as a provider sends it: copied until the end, or until the client hangs up, which ends it
 * quietly (as a provider's server would), or broken on purpose after a given number of bytes.
 */
final class SandboxBody {

    private static final int COPY_BUFFER = 64 * 1024;

    private SandboxBody() {
    }

    /**
     * @param breaksAfter where the connection breaks on purpose, or -1
     */
    static StreamingOutput of(RoutingContext rc, Supplier<InputStream> content, long breaksAfter) {
        return out -> {
            try (InputStream in = content.get()) {
                byte[] buffer = new byte[COPY_BUFFER];
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
                }
            }
        };
    }
}
