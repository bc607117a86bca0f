package io.idvmedia.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idvmedia.testing.FaultyMediaServer;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A provider body that breaks after the first bytes went out must never reach the caller as a complete, shorter
 * file: the API's response is aborted, whatever framing the provider used.
 */
@QuarkusTest
@WithTestResource(FaultyMediaServer.class)
class MediaAbortTest {

    @FaultyMediaServer.InjectFaultyMediaServer
    FaultyMediaServer provider;

    @ParameterizedTest
    @EnumSource(FaultyMediaServer.Mode.class)
    void shouldAbortTheResponseWhenTheProviderBodyBreaksMidway(FaultyMediaServer.Mode mode) throws Exception {
        // GIVEN a provider that sends part of a media body, then breaks
        provider.mode(mode);

        // WHEN the media is streamed through the API
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                Sandbox.baseUrl() + "/v1/yoti/sessions/5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c/media/"
                        + "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")).build(), HttpResponse.BodyHandlers.ofInputStream());

        // THEN the response started, and reading it fails instead of ending as if complete
        assertThat(response.statusCode()).isEqualTo(200);
        long[] received = new long[1];
        assertThatThrownBy(() -> {
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received[0] += n;
                }
            }
        }).isInstanceOf(IOException.class);
        assertThat(received[0]).isLessThan(FaultyMediaServer.DECLARED_LENGTH);
    }
}
