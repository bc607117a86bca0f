package io.idvmedia.media;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Exports;
import io.idvmedia.testing.Sandbox;
import io.restassured.response.ValidatableResponse;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stages the sandbox video (512 MiB in the test profile) in a test JVM whose heap is 320 MiB (the small-heap
 * surefire run): staging that held the body would fail. Each store's class runs it against its store.
 */
@Tag("small-heap")
abstract class StagingMemoryContract {

    @ConfigProperty(name = "idv.sandbox.video-size")
    long videoSize;

    @Test
    void shouldStageALargeVideoInConstantMemory() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(videoSize).as("video larger than the heap of %d bytes", maxHeap)
                .isGreaterThan(maxHeap + 128L * 1024 * 1024);
        assertThat(maxHeap).as("the small-heap surefire run").isLessThan(384L * 1024 * 1024);
        ValidatableResponse answer = given().queryParam("delivery", "url").when()
                .get("/v1/yoti/sessions/" + YotiSandboxData.VIDEO + "/media/" + YotiSandboxData.VIDEO_MEDIA).then()
                .statusCode(200).body("contentType", equalTo("video/mp4")).body("url", startsWith("http"));
        assertThat(((Number) answer.extract().path("contentLength")).longValue()).isEqualTo(videoSize);
        assertThat((String) answer.extract().path("sha256")).isEqualTo(Sandbox.sha256(GeneratedMedia.mp4(videoSize,
                YotiSandboxData.VIDEO_SEED)).sha256());

        HttpResponse<InputStream> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                answer.extract().path("url"))).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(served.statusCode()).isEqualTo(200);
        try (InputStream body = served.body()) {
            assertThat(Sandbox.firstDifference(body, GeneratedMedia.mp4(videoSize, YotiSandboxData.VIDEO_SEED)))
                    .isEqualTo(-1);
        }
    }

    @Test
    void shouldStageTheExportOfASessionWithALargeVideoInConstantMemory() throws Exception {
        // WHEN the session holding the video is exported into the store
        ValidatableResponse answer = given().queryParam("delivery", "url").when()
                .get("/v1/yoti/sessions/" + YotiSandboxData.VIDEO + "/export").then().statusCode(200)
                .body("contentType", equalTo("application/zip")).body("url", startsWith("http"));

        // THEN the staged ZIP is complete, its digest the one announced, and the video in it byte-exact
        Path zip = Exports.tempFile();
        try {
            assertThat(Exports.fetch(answer.extract().path("url"), zip).statusCode()).isEqualTo(200);
            assertThat(Files.size(zip)).isEqualTo(((Number) answer.extract().path("contentLength")).longValue());
            try (InputStream in = Files.newInputStream(zip)) {
                assertThat(Sandbox.sha256(in).sha256()).isEqualTo(answer.extract().path("sha256"));
            }
            Exports.Checked checked = Exports.check(zip);
            assertThat(checked.media().get(YotiSandboxData.VIDEO_MEDIA).get("sha256").asText()).isEqualTo(
                    Sandbox.sha256(GeneratedMedia.mp4(videoSize, YotiSandboxData.VIDEO_SEED)).sha256());
        } finally {
            Files.deleteIfExists(zip);
        }
    }
}
