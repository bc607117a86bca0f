package io.idvmedia.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.SumsubSandboxData;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Exports;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exports each provider's session holding its sandbox video (512 MiB in the test profile) as a stream, in a test
 * JVM whose heap is 320 MiB (the small-heap surefire run): an export that held a media item, or the ZIP, whole would
 * fail with an OutOfMemoryError. (Staged exports of the same size: StagingMemoryContract.)
 */
@QuarkusTest
@Tag("small-heap")
class ExportMemoryTest {

    @ConfigProperty(name = "idv.sandbox.video-size")
    long videoSize;

    static Stream<Arguments> sessions() {
        return Stream.of(
                Arguments.of("yoti", YotiSandboxData.VIDEO, YotiSandboxData.VIDEO_MEDIA),
                Arguments.of("veriff", VeriffSandboxData.APPROVED, VeriffSandboxData.SELFIE_VIDEO),
                Arguments.of("onfido", OnfidoSandboxData.APPROVED, OnfidoSandboxData.LIVE_VIDEO),
                Arguments.of("sumsub", SumsubSandboxData.APPROVED, SumsubSandboxData.VIDEO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void shouldStreamTheExportOfASessionWithAVideoLargerThanTheHeap(String provider, String sessionId,
            String videoId) throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(videoSize).as("video larger than the heap of %d bytes", maxHeap)
                .isGreaterThan(maxHeap + 128L * 1024 * 1024);
        assertThat(maxHeap).as("the small-heap surefire run").isLessThan(384L * 1024 * 1024);

        Path zip = Exports.tempFile();
        try {
            HttpResponse<Path> response = Exports.download(provider, sessionId, "delivery=stream", zip);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Transfer-Encoding")).as("streamed as it is built")
                    .contains("chunked");
            assertThat(Files.size(zip)).isGreaterThan(videoSize);
            Exports.Checked checked = Exports.check(zip);
            InputStream expected = switch (provider) {
                case "yoti" -> GeneratedMedia.mp4(videoSize, YotiSandboxData.VIDEO_SEED);
                case "veriff" -> GeneratedMedia.webm(videoSize, VeriffSandboxData.VIDEO_SEED);
                case "sumsub" -> GeneratedMedia.mp4(videoSize, SumsubSandboxData.VIDEO_SEED);
                default -> GeneratedMedia.mp4(videoSize, OnfidoSandboxData.VIDEO_SEED);
            };
            assertThat(checked.media().get(videoId).get("size").asLong()).isEqualTo(videoSize);
            assertThat(checked.media().get(videoId).get("sha256").asText()).isEqualTo(Sandbox.sha256(expected)
                    .sha256());
        } finally {
            Files.deleteIfExists(zip);
        }
    }
}
