package io.idvmedia.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.error.Problem;
import io.idvmedia.testing.FaultyMediaServer;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.RawHttp;
import io.idvmedia.testing.Sandbox;
import io.idvmedia.transfer.Transfers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A transfer beyond the instance's limit (2 here) is refused before the provider is called, and the transfers in
 * progress are not disturbed. The stall timeout is the default (30 s), so that the two callers holding their
 * transfers without reading are not cut off while the test runs on a slow machine.
 */
@QuarkusTest
@WithTestResource(FaultyMediaServer.class)
@TestProfile(TransferLimitTest.Limit.class)
class TransferLimitTest {

    private static final String MEDIA = "/v1/yoti/sessions/5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c/media/"
            + "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    /** Room for two transfers (one per caller: the callers here are three; fair shares are {@link FairShareTest}'s). */
    public static class Limit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.media.max-concurrent-transfers", "2");
        }
    }

    @FaultyMediaServer.InjectFaultyMediaServer
    FaultyMediaServer provider;

    @Inject
    Transfers transfers;

    @Test
    void shouldRefuseATransferBeyondTheLimitBeforeCallingTheProvider() throws InterruptedException {
        // GIVEN two transfers in progress, whose callers are not reading yet
        provider.mode(FaultyMediaServer.Mode.LARGE);
        try (RawHttp.Held first = RawHttp.open(Sandbox.port(), MEDIA, Grants.forPath(MEDIA, "first"), 0);
                RawHttp.Held second = RawHttp.open(Sandbox.port(), MEDIA, Grants.forPath(MEDIA, "second"), 0)) {
            assertThat(transfers.active()).isEqualTo(2);
            int providerCalls = provider.requests();

            // WHEN a third asks (on the wire: a media body must never be buffered by a client's failure logging)
            RawHttp.Exchange third;
            try (RawHttp.Held asked = RawHttp.open(Sandbox.port(), MEDIA, Grants.forPath(MEDIA, "third"), 0)) {
                third = asked.finish();
            }

            // THEN it is refused at once with 503 and Retry-After, and the provider never heard of it
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.headers()).containsEntry("content-type", Problem.MEDIA_TYPE)
                    .containsEntry("retry-after", "1");
            assertThat(third.tailText()).contains("urn:idv-media:problem:busy")
                    .contains("already transferring 2 media");
            assertThat(provider.requests()).isEqualTo(providerCalls);

            // AND the two in progress still complete, each freeing its slot
            assertThat(first.finish().complete()).isTrue();
            assertThat(second.finish().complete()).isTrue();
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (transfers.active() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(transfers.active()).as("transfers in progress").isZero();
        assertThat(RawHttp.get(Sandbox.port(), MEDIA).complete()).isTrue();
    }
}
