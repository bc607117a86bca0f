package io.idvmedia.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.error.Problem;
import io.idvmedia.testing.FaultyMediaServer;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.RawHttp;
import io.idvmedia.testing.Sandbox;
import io.idvmedia.testing.StoredCopies;
import io.idvmedia.transfer.Transfers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One caller cannot take the instance's transfers from the others: with room for 8 transfers, a caller (a grant's
 * subject) runs at most its share, a quarter (2), and one more of its requests is refused with 429 before the provider
 * is called, while another subject's get-media goes through. The stall timeout is the default (30 s), so that the
 * callers holding their transfers without reading are not cut off while the test runs on a slow machine.
 */
@QuarkusTest
@WithTestResource(FaultyMediaServer.class)
@TestProfile(FairShareTest.Limits.class)
class FairShareTest {

    private static final String SESSION_ID = "5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c";
    private static final String MEDIA = "/v1/yoti/sessions/" + SESSION_ID + "/media/"
            + "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final int LIMIT = 8;

    /** Room for 8 transfers; the share per caller is the default. */
    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.media.max-concurrent-transfers", String.valueOf(LIMIT));
        }
    }

    @FaultyMediaServer.InjectFaultyMediaServer
    FaultyMediaServer provider;

    @Inject
    Transfers transfers;

    private final List<RawHttp.Held> held = new ArrayList<>();

    @BeforeEach
    void noCopyLeftOver() {
        StoredCopies.clearLocal(Path.of("target/staged-test"), "yoti", SESSION_ID);
    }

    @AfterEach
    void release() throws InterruptedException {
        held.forEach(RawHttp.Held::close);
        long deadline = System.currentTimeMillis() + 10_000;
        while (transfers.active() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(transfers.active()).as("transfers in progress").isZero();
    }

    @Test
    void shouldKeepOneSubjectToItsShareAndLetAnotherSubjectStream() throws Exception {
        // GIVEN a provider that sends 64 MiB bodies as fast as they are read
        provider.mode(FaultyMediaServer.Mode.LARGE);
        String holder = Grants.forPath(MEDIA, "holder");

        try (LogCapture log = LogCapture.of("io.idvmedia")) {
            // WHEN one subject opens streams without reading them, as many as the instance would let it
            RawHttp.Held refused = null;
            for (int i = 0; i <= LIMIT && refused == null; i++) {
                RawHttp.Held next = RawHttp.open(Sandbox.port(), MEDIA, holder, 0);
                held.add(next);
                if (next.status() != 200) {
                    refused = next;
                }
            }
            int providerCalls = provider.requests();

            // THEN it got its share, a quarter of the instance's transfers, and its next request is a 429 with
            // Retry-After, before any provider call
            assertThat(refused).as("a refusal").isNotNull();
            assertThat(held).hasSize(3);
            assertThat(transfers.perCaller()).isEqualTo(2);
            assertThat(transfers.active()).isEqualTo(2);
            RawHttp.Exchange refusal = refused.finish();
            assertThat(refusal.status()).isEqualTo(429);
            assertThat(refusal.headers()).containsEntry("content-type", Problem.MEDIA_TYPE)
                    .containsEntry("retry-after", "1");
            assertThat(refusal.tailText()).contains("urn:idv-media:problem:caller-busy")
                    .contains("already has 2 media transfers running").doesNotContain("holder");
            assertThat(provider.requests()).isEqualTo(providerCalls);
            assertThat(log.await("status=429", "outcome=completed")).contains("operation=get-media");

            // AND another subject's get-media streams the whole body meanwhile
            try (RawHttp.Held other = RawHttp.open(Sandbox.port(), MEDIA, Grants.forPath(MEDIA, "other"), 0)) {
                RawHttp.Exchange exchange = other.finish();
                assertThat(exchange.status()).isEqualTo(200);
                assertThat(exchange.complete()).isTrue();
                assertThat(exchange.bodyBytes()).isEqualTo(FaultyMediaServer.LARGE_LENGTH);
            }

            // AND once one of the holder's streams has ended, it may start another
            assertThat(held.get(0).finish().complete()).isTrue();
            long deadline = System.currentTimeMillis() + 5_000;
            while (transfers.active() > 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            RawHttp.Held again = RawHttp.open(Sandbox.port(), MEDIA, holder, 0);
            held.add(again);
            assertThat(again.status()).isEqualTo(200);
        }
    }

    @Test
    void shouldCountAStagingAgainstTheShareOfTheCallerWhoStartedIt() {
        // GIVEN a subject that holds its share with two streams it does not read
        provider.mode(FaultyMediaServer.Mode.LARGE);
        String holder = Grants.forPath(MEDIA, "stager");
        held.add(RawHttp.open(Sandbox.port(), MEDIA, holder, 0));
        held.add(RawHttp.open(Sandbox.port(), MEDIA, holder, 0));
        assertThat(held).allSatisfy(h -> assertThat(h.status()).isEqualTo(200));

        // WHEN it asks for a URL, which would stage the media
        RawHttp.Held staging = RawHttp.open(Sandbox.port(), MEDIA + "?delivery=url", holder, 0);
        held.add(staging);

        // THEN the staging is refused for its share too
        assertThat(staging.status()).isEqualTo(429);
    }
}
