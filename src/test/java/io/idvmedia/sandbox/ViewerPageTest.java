package io.idvmedia.sandbox;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.testing.Exports;
import io.idvmedia.testing.HeadlessChromium;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's viewer page in a real browser (headless Chromium): it obtains a demo grant, shows the session
 * summary, lists the media, and shows each image and the video through {@code delivery=url}, since an {@code <img>}
 * or {@code <video>} cannot send the grant. The images must decode, the video must load its metadata and seek, and
 * the page must log no error.
 */
@QuarkusTest
class ViewerPageTest {

    @Test
    void shouldShowTheImagesAndPlayAndSeekTheVideoWithAGrant() throws Exception {
        assertThat(HeadlessChromium.binary()).as("Debian's chromium package (.ci/run installs it)").exists();
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            // WHEN the page shows the sandbox's viewer session
            browser.navigate(Sandbox.baseUrl() + "/sandbox/viewer.html?provider=yoti&session="
                    + YotiSandboxData.VIEWER);
            browser.await("window.viewerState && window.viewerState.done", Duration.ofSeconds(30));
            browser.screenshot(Path.of("target", "viewer-page.png"));

            // THEN it finished without errors, with the summary and every media item
            JsonNode state = browser.evaluate("JSON.parse(JSON.stringify(window.viewerState))");
            assertThat(state.get("errors")).as(state.toString()).isEmpty();
            assertThat(browser.evaluate("document.getElementById('summary').textContent").asText())
                    .contains("State: completed");
            // AND its legal hold state (none: the page would say who placed one, when and why)
            assertThat(browser.evaluate("document.getElementById('hold').textContent").asText())
                    .isEqualTo("No legal hold");
            // AND both images decoded
            JsonNode widths = browser.evaluate("[...document.images].map(i => i.complete ? i.naturalWidth : 0)");
            assertThat(widths).hasSize(2).allSatisfy(width -> assertThat(width.asInt()).isPositive());
            // AND the video loaded its metadata, and seeked
            JsonNode video = browser.evaluate("(() => { const v = document.querySelector('video');"
                    + " return {ready: v.readyState, duration: v.duration, time: v.currentTime, width: v.videoWidth,"
                    + " src: v.src}; })()");
            assertThat(video.get("ready").asInt()).as(video.toString()).isGreaterThanOrEqualTo(1);
            assertThat(video.get("duration").asDouble()).isBetween(2.5, 3.5);
            assertThat(video.get("time").asDouble()).isEqualTo(1.0);
            assertThat(video.get("width").asInt()).isEqualTo(160);
            // AND the elements were given the short-lived staged URLs, not the API routes
            assertThat(video.get("src").asText()).contains("/v1/staged/").contains("expires=");
            assertThat(state.get("images").asInt()).isEqualTo(2);
            assertThat(state.get("videos").asInt()).isEqualTo(1);

            // WHEN "download evidence" is clicked
            browser.evaluate("document.getElementById('evidence').click(), true");
            browser.await("window.viewerState.evidence !== null || window.viewerState.errors.length > 0",
                    Duration.ofSeconds(30));

            // THEN the page got a short-lived URL of the session's export, which serves the whole session as a ZIP
            JsonNode evidence = browser.evaluate("JSON.parse(JSON.stringify(window.viewerState))");
            assertThat(evidence.get("errors")).as(evidence.toString()).isEmpty();
            assertThat(evidence.at("/evidence/type").asText()).isEqualTo("application/zip");
            assertThat(evidence.at("/evidence/url").asText()).contains("/v1/staged/yoti/" + YotiSandboxData.VIEWER
                    + "/export.zip").contains("expires=");
            Path zip = Exports.tempFile();
            assertThat(Exports.fetch(evidence.at("/evidence/url").asText(), zip).statusCode()).isEqualTo(200);
            try (InputStream in = Files.newInputStream(zip)) {
                assertThat(Sandbox.sha256(in).sha256()).isEqualTo(evidence.at("/evidence/sha256").asText());
            }
            assertThat(Exports.check(zip).media()).hasSize(3);
            assertThat(browser.evaluate("document.getElementById('evidenceStatus').textContent").asText())
                    .contains("SHA-256 " + evidence.at("/evidence/sha256").asText());

            // WHEN the session is put under a legal hold, THEN the page says so, with who placed it and why
            String hold = "/v1/yoti/sessions/" + YotiSandboxData.VIEWER + "/hold";
            given().contentType("application/json").body("{\"reason\":\"Regulator inquiry\",\"reference\":\"R-9\"}")
                    .when().put(hold).then().statusCode(200);
            try {
                browser.navigate(Sandbox.baseUrl() + "/sandbox/viewer.html?provider=yoti&session="
                        + YotiSandboxData.VIEWER);
                browser.await("window.viewerState && window.viewerState.done", Duration.ofSeconds(30));
                assertThat(browser.evaluate("document.getElementById('hold').textContent").asText())
                        .startsWith("Legal hold since ").contains("by test-user-1: Regulator inquiry (R-9)");
            } finally {
                given().when().delete(hold).then().statusCode(200);
            }

            // AND the browser reported no console error, failed load or exception
            assertThat(browser.errors()).isEmpty();
            assertThat(Files.size(Path.of("target", "viewer-page.png"))).isPositive();
        }
    }
}
