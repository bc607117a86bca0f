package io.idvmedia.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.testing.Api;
import io.idvmedia.testing.FaultyMediaServer;
import io.idvmedia.testing.RawHttp;
import io.idvmedia.testing.Sandbox;
import io.idvmedia.testing.StoredCopies;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A provider body that breaks after the first bytes went out must never reach the caller as a complete, shorter
 * file, nor with a problem document spliced onto it: the API's response is cut off, whatever framing the provider
 * used. One that breaks before anything went out is an ordinary problem. Checked on the wire, where completeness is
 * decided by the response's own framing.
 */
@QuarkusTest
@WithTestResource(FaultyMediaServer.class)
class MediaAbortTest {

    private static final String MEDIA = "/v1/yoti/sessions/5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c/media/"
            + "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    @FaultyMediaServer.InjectFaultyMediaServer
    FaultyMediaServer provider;

    @ConfigProperty(name = "idv.media.local.dir")
    Path stagedDir;

    @ParameterizedTest
    @EnumSource(value = FaultyMediaServer.Mode.class, names = {"TRUNCATED_FIXED_LENGTH", "TRUNCATED_CHUNKED",
        "STALL_MIDWAY"})
    void shouldCutTheResponseOffWhenTheProviderBodyBreaksMidway(FaultyMediaServer.Mode mode) {
        // GIVEN a provider that sends part of a media body, then breaks
        provider.mode(mode);

        // Repeated: cutting the response off races the framework, which would otherwise end it cleanly.
        for (int i = 0; i < 5; i++) {
            // WHEN the media is streamed through the API
            RawHttp.Exchange exchange = RawHttp.get(Sandbox.port(), MEDIA);

            // THEN the response started, and it ends short of what its framing declares, with no problem spliced on
            assertThat(exchange.status()).isEqualTo(200);
            assertThat(exchange.complete()).as("run %d: body ended as its framing declares", i).isFalse();
            assertThat(exchange.bodyBytes()).isLessThan(FaultyMediaServer.DECLARED_LENGTH);
            assertThat(exchange.tailText()).doesNotContain("problem");
        }
    }

    @ParameterizedTest
    @EnumSource(value = FaultyMediaServer.Mode.class, names = {"TRUNCATED_FIXED_LENGTH", "TRUNCATED_CHUNKED",
        "STALL_MIDWAY"})
    void shouldCutEveryResponseOffWhenBodiesBreakUnderConcurrency(FaultyMediaServer.Mode mode) throws Exception {
        // GIVEN a provider whose bodies all break midway
        provider.mode(mode);

        // WHEN eight callers stream at once
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<RawHttp.Exchange>> exchanges = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                exchanges.add(callers.submit(() -> RawHttp.get(Sandbox.port(), MEDIA)));
            }

            // THEN every response is cut off, none ends as if complete, none carries a problem
            for (Future<RawHttp.Exchange> future : exchanges) {
                RawHttp.Exchange exchange = future.get();
                assertThat(exchange.status()).isEqualTo(200);
                assertThat(exchange.complete()).isFalse();
                assertThat(exchange.tailText()).doesNotContain("problem");
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(value = FaultyMediaServer.Mode.class, names = {"TRUNCATED_FIXED_LENGTH", "TRUNCATED_CHUNKED",
        "STALL_MIDWAY"})
    void shouldKeepNoPartialCopyWhenStagingsBreakUnderConcurrency(FaultyMediaServer.Mode mode) throws Exception {
        // GIVEN a provider whose bodies all break midway
        provider.mode(mode);
        String session = UUID.randomUUID().toString();

        // WHEN four different media of one session (as many as may stage at once) are staged at once
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String path = "/v1/yoti/sessions/" + session + "/media/" + UUID.randomUUID();
                statuses.add(callers.submit(() -> Api.given().queryParam("delivery", "url").when().get(path)
                        .statusCode()));
            }

            // THEN each is a provider problem, and the store holds nothing of the session
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isIn(502, 504);
            }
            assertThat(StoredCopies.local(stagedDir, "yoti", session, "")).as("any copy of the session").isFalse();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void shouldAnswerAProblemWhenTheProviderBodyBreaksBeforeAnythingWasSent() {
        // GIVEN a provider that breaks after the API began copying, but before it sent anything
        provider.mode(FaultyMediaServer.Mode.TRUNCATED_EARLY);

        // WHEN the media is streamed through the API
        RawHttp.Exchange exchange = RawHttp.get(Sandbox.port(), MEDIA);

        // THEN nothing of the media was sent: the answer is a complete problem document, and only that
        assertThat(exchange.status()).isEqualTo(502);
        assertThat(exchange.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(exchange.complete()).isTrue();
        assertThat(exchange.bodyBytes()).isLessThan(1024);
        assertThat(exchange.tailText()).startsWith("{").contains("urn:idv-media:problem:provider-error")
                .contains("failed after").contains("nothing was delivered");
    }
}
