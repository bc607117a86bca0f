package io.idvmedia.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.SumsubSandboxData;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams each provider's sandbox video (512 MiB in the test profile) through get-media inside a test JVM whose
 * heap is 320 MiB (the small-heap surefire run): if the sandbox, the provider client, the signature check, the
 * operation or the HTTP layer held the body whole, this would fail with an OutOfMemoryError.
 */
@QuarkusTest
@Tag("small-heap")
class MediaStreamingMemoryTest {

    @ConfigProperty(name = "idv.sandbox.video-size")
    long videoSize;

    static Stream<Arguments> videos() {
        return Stream.of(
                Arguments.of("yoti", YotiSandboxData.VIDEO, YotiSandboxData.VIDEO_MEDIA, "video/mp4"),
                Arguments.of("veriff", VeriffSandboxData.APPROVED, VeriffSandboxData.SELFIE_VIDEO, "video/webm"),
                Arguments.of("onfido", OnfidoSandboxData.APPROVED, OnfidoSandboxData.LIVE_VIDEO, "video/mp4"),
                Arguments.of("sumsub", SumsubSandboxData.APPROVED, SumsubSandboxData.VIDEO, "video/mp4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videos")
    void shouldStreamALargeVideoByteExactWithinASmallHeap(String provider, String sessionId, String mediaId,
            String contentType) throws Exception {
        // GIVEN a video larger than the whole heap
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(videoSize).as("video larger than the heap of %d bytes", maxHeap)
                .isGreaterThan(maxHeap + 128L * 1024 * 1024);
        assertThat(maxHeap).as("the small-heap surefire run").isLessThan(384L * 1024 * 1024);

        // WHEN it is fetched through the API as a stream, by a client that asks for HTTP/2 first (the JDK default)
        HttpRequest request = HttpRequest.newBuilder(URI.create(Sandbox.baseUrl() + "/v1/" + provider + "/sessions/"
                + sessionId + "/media/" + mediaId + "?delivery=stream"))
                .header("Authorization", "Bearer " + Grants.forSession(provider, sessionId)).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());

        // THEN it is answered over HTTP/1.1 (HTTP/2 streaming corrupted bodies, see application.properties)
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        // AND every byte arrives, in order, with the provider's type and length
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(contentType);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(videoSize);
        GeneratedMedia expected = switch (provider) {
            case "yoti" -> GeneratedMedia.mp4(videoSize, YotiSandboxData.VIDEO_SEED);
            case "veriff" -> GeneratedMedia.webm(videoSize, VeriffSandboxData.VIDEO_SEED);
            case "sumsub" -> GeneratedMedia.mp4(videoSize, SumsubSandboxData.VIDEO_SEED);
            default -> GeneratedMedia.mp4(videoSize, OnfidoSandboxData.VIDEO_SEED);
        };
        try (InputStream body = response.body()) {
            assertThat(Sandbox.firstDifference(body, expected))
                    .as("%s: offset of the first byte that differs", provider).isEqualTo(-1);
        }
    }
}
