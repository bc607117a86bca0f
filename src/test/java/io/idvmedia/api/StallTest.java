package io.idvmedia.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.error.Problem;
import io.idvmedia.testing.Api;
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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Neither a provider that trickles nor a caller that stops reading keeps a worker: a transfer that makes no progress
 * for the stall timeout (2 s here) is aborted. (The limit on transfers is {@link TransferLimitTest}'s: callers that
 * hold a transfer without reading would be cut off here before the test is done.)
 */
@QuarkusTest
@WithTestResource(FaultyMediaServer.class)
@TestProfile(StallTest.Limits.class)
class StallTest {

    private static final String SESSION_ID = "5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c";
    private static final String MEDIA = "/v1/yoti/sessions/" + SESSION_ID + "/media/"
            + "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final long STALL_MILLIS = 2_000;
    private static final int MIN_RATE = 256 * 1024;

    /**
     * A short stall timeout, a minimum rate of 256 KiB/s for callers (so 512 KiB in every 2 s spent waiting on one),
     * and room for two transfers.
     */
    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.http.stall-timeout", STALL_MILLIS + "ms", "idv.http.min-rate", String.valueOf(MIN_RATE),
                    "idv.media.max-concurrent-transfers", "2");
        }
    }

    @FaultyMediaServer.InjectFaultyMediaServer
    FaultyMediaServer provider;

    @Inject
    Transfers transfers;

    @BeforeEach
    void noTransferOrCopyLeftOver() throws InterruptedException {
        awaitIdle(10_000);
        StoredCopies.clearLocal(Path.of("target/staged-test"), "yoti", SESSION_ID);
    }

    @Test
    void shouldAbortAProviderThatTricklesWithinTheStallTimeout() throws InterruptedException {
        // GIVEN a provider that sends 1 MiB, then one byte every 100 ms (each read returns; none times out)
        provider.mode(FaultyMediaServer.Mode.TRICKLE);

        try (LogCapture log = LogCapture.of("io.idvmedia")) {
            // WHEN the media is streamed through the API
            long started = System.nanoTime();
            RawHttp.Exchange exchange = RawHttp.get(Sandbox.port(), MEDIA);
            long millis = (System.nanoTime() - started) / 1_000_000;

            // THEN the response is cut off soon after the stall timeout, long before the provider would have stopped
            assertThat(exchange.status()).isEqualTo(200);
            assertThat(exchange.complete()).isFalse();
            assertThat(millis).isLessThan(STALL_MILLIS + 5_000).isLessThan(FaultyMediaServer.TRICKLE_MILLIS);
            assertThat(log.await("no progress from the provider")).doesNotContain("5b7e1c9a");
            assertThat(log.await("outcome=aborted")).contains("operation=get-media");
        }
        awaitIdle(STALL_MILLIS);
    }

    @Test
    void shouldGiveUpStagingFromAProviderThatTricklesAndKeepNothing() throws InterruptedException {
        // GIVEN a provider that trickles after its first part
        provider.mode(FaultyMediaServer.Mode.TRICKLE);

        // WHEN the media is asked for as a URL, which stages it first (one retry included)
        long started = System.nanoTime();
        Api.given().queryParam("delivery", "url").when().get(MEDIA).then()
                // THEN the answer is a timeout problem, well before the provider would have finished
                .statusCode(504)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", org.hamcrest.Matchers.equalTo("urn:idv-media:problem:provider-timeout"))
                .body("detail", org.hamcrest.Matchers.containsString("nothing was kept"));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2 * STALL_MILLIS + 5_000);
        awaitIdle(STALL_MILLIS);

        // AND nothing of it is served afterwards: the next request stages again (and fails again)
        int providerCalls = provider.requests();
        Api.given().queryParam("delivery", "url").when().get(MEDIA).then().statusCode(504);
        assertThat(provider.requests()).isGreaterThan(providerCalls);
    }

    @Test
    void shouldDropACallerThatStopsReadingAndFreeItsWorker() throws InterruptedException, IOException {
        // GIVEN a provider that sends 64 MiB as fast as it is read
        provider.mode(FaultyMediaServer.Mode.LARGE);

        try (LogCapture log = LogCapture.of("io.idvmedia");
                // WHEN a caller reads the response head, then nothing more
                RawHttp.Held caller = RawHttp.open(Sandbox.port(), MEDIA)) {
            assertThat(caller.status()).isEqualTo(200);
            assertThat(transfers.active()).isEqualTo(1);
            String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Sandbox.baseUrl()
                    + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).contains("\"media-transfers\"").contains("\"active\": 1").contains("\"limit\": 2");

            // THEN within the stall timeout (and the time to fill the socket buffers) its transfer is over
            awaitIdle(STALL_MILLIS + 5_000);
            assertThat(log.await("no progress from the caller")).isNotEmpty();
            assertThat(log.await("outcome=aborted")).contains("operation=get-media");
            // AND the caller finds its body cut off where the buffers ended
            RawHttp.Exchange rest = caller.finish();
            assertThat(rest.complete()).isFalse();
            assertThat(rest.bodyBytes()).isLessThan(FaultyMediaServer.LARGE_LENGTH);
        }
    }

    @Test
    void shouldDropACallerThatReadsSteadilyButSlowerThanTheMinimumRate() throws InterruptedException {
        // GIVEN a provider that sends 64 MiB as fast as it is read
        provider.mode(FaultyMediaServer.Mode.LARGE);

        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (LogCapture log = LogCapture.of("io.idvmedia");
                RawHttp.Held caller = RawHttp.open(Sandbox.port(), MEDIA, Grants.forPath(MEDIA), 16 * 1024)) {
            assertThat(caller.status()).isEqualTo(200);

            // WHEN the caller reads 64 KiB a second: never 2 s without 64 KiB (no stall), but a quarter of the rate
            reader.submit(() -> caller.readSlowly(64 * 1024, 15_000));

            // THEN it is cut off once it has kept the transfer waiting for the stall timeout under that rate (what
            // the server had sent into the socket buffers still reaches it afterwards, at its own pace)
            assertThat(log.await("no progress from the caller")).contains("less than " + 2 * MIN_RATE + " bytes");
            assertThat(log.await("outcome=aborted")).contains("operation=get-media");
            awaitIdle(STALL_MILLIS);
        } finally {
            reader.shutdownNow();
        }
    }

    private void awaitIdle(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (transfers.active() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(transfers.active()).as("transfers in progress").isZero();
    }
}
