package io.idvmedia.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.testing.FaultyMediaServer;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.RawHttp;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many media streamed at once keep direct memory bounded: a copying thread must not run ahead of the connection's
 * event loop, each write it queued holding a direct buffer. Before the copy waited for the event loop, 32 concurrent
 * streams on two cores held 4 to 8 MiB of direct memory each and exhausted a 64 MiB heap's. Measured here with the
 * JVM's own count of direct buffers, during 24 concurrent 64 MiB streams through the small-heap run's application.
 */
@QuarkusTest
@Tag("small-heap")
@WithTestResource(FaultyMediaServer.class)
class ConcurrentStreamingMemoryTest {

    private static final String MEDIA = "/v1/yoti/sessions/5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c/media/"
            + "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final int STREAMS = 24;
    private static final long MIB = 1024 * 1024;

    @FaultyMediaServer.InjectFaultyMediaServer
    FaultyMediaServer provider;

    @Test
    void shouldKeepDirectMemoryBoundedWhileManyMediaStreamAtOnce() throws Exception {
        // GIVEN a provider that sends 64 MiB bodies as fast as they are read
        provider.mode(FaultyMediaServer.Mode.LARGE);
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        AtomicLong peak = new AtomicLong(direct.getMemoryUsed());
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(direct.getMemoryUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();

        // WHEN 24 callers (each with a grant of its own: one caller gets a quarter of the transfers) stream at once
        ExecutorService callers = Executors.newFixedThreadPool(STREAMS);
        try {
            List<Future<RawHttp.Exchange>> exchanges = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                String grant = Grants.forPath(MEDIA, "caller-" + i);
                exchanges.add(callers.submit(() -> {
                    try (RawHttp.Held held = RawHttp.open(Sandbox.port(), MEDIA, grant, 0)) {
                        return held.finish();
                    }
                }));
            }

            // THEN every body arrives whole
            for (Future<RawHttp.Exchange> exchange : exchanges) {
                assertThat(exchange.get().complete()).isTrue();
                assertThat(exchange.get().bodyBytes()).isEqualTo(FaultyMediaServer.LARGE_LENGTH);
            }
        } finally {
            callers.shutdownNow();
            sampler.interrupt();
            sampler.join();
        }
        // AND the direct memory in use (this JVM's sockets and the application's network buffers) never went past
        // a little over one MiB per stream
        assertThat(peak.get()).as("peak direct memory, bytes").isLessThan(STREAMS * 3 * MIB / 2);
    }
}
