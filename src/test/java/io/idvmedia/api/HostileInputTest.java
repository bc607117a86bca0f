package io.idvmedia.api;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What hostile or careless callers found (issue 9), each reproduced against the sandbox over real HTTP: a caller
 * that hangs up mid-download, a HEAD, a range past any long, a request without Host, a provider name with markup,
 * and the headers that keep responses from being sniffed.
 */
@QuarkusTest
class HostileInputTest {

    private static final String VIDEO = "/v1/yoti/sessions/" + YotiSandboxData.VIDEO + "/media/"
            + YotiSandboxData.VIDEO_MEDIA;
    private static final String FRONT = "/v1/yoti/sessions/" + YotiSandboxData.COMPLETED + "/media/"
            + YotiSandboxData.FRONT_PAGE;

    @ConfigProperty(name = "idv.sandbox.video-size")
    long videoSize;

    private LogCapture access;

    @BeforeEach
    void setUp() {
        access = LogCapture.of("io.idvmedia.access");
    }

    @AfterEach
    void tearDown() {
        access.close();
    }

    @Test
    void shouldStopPullingFromTheProviderWhenTheCallerHangsUp() throws Exception {
        // GIVEN a caller that asks for the large video, reads 1 MiB, and hangs up
        try (Socket socket = new Socket("localhost", Sandbox.port())) {
            request(socket, "GET", VIDEO);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            while (read < 1024 * 1024) {
                read += Math.max(0, in.read(buffer));
            }
        }
        // THEN the provider stops sending soon after, far short of the whole video
        String sandboxLine = access.await("sandbox-yoti", "bytesSent=");
        long sent = bytesSent(sandboxLine);
        assertThat(sent).as(sandboxLine).isLessThan(64L * 1024 * 1024).isLessThan(videoSize);
        assertThat(sandboxLine).contains("aborted");
        // AND the API's own line says the transfer was aborted
        assertThat(access.await("operation=get-media", "aborted")).contains("aborted");
    }

    @Test
    void shouldAnswerHeadWithTheHeadersAndReleaseTheProviderAtOnce() throws Exception {
        String length = given().when().head(VIDEO).then().statusCode(200)
                .header("Content-Type", "video/mp4").extract().header("Content-Length");
        assertThat(Long.parseLong(length)).isEqualTo(videoSize);
        // The provider's body was closed, not left open with unread data: its response ended, cut short.
        String sandboxLine = access.await("sandbox-yoti", "bytesSent=");
        assertThat(bytesSent(sandboxLine)).isLessThan(videoSize);
        assertThat(access.await("method=HEAD", "operation=get-media")).contains("outcome=completed");
    }

    @Test
    void shouldAnswer416ForARangeBeyondAnyLong() {
        String url = given().queryParam("delivery", "url").when().get(FRONT).then().statusCode(200)
                .extract().path("url");
        given().header("Range", "bytes=99999999999999999999-").when().get(url).then().statusCode(416)
                .contentType("application/problem+json").header("Content-Range", "bytes */15656");
        given().header("Range", "bytes=0-99999999999999999999").when().get(url).then().statusCode(206);
    }

    @Test
    void shouldAnswer400ForAMediaUrlAskedWithoutAHost() throws Exception {
        try (Socket socket = new Socket("localhost", Sandbox.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + FRONT + "?delivery=url HTTP/1.0\r\nAuthorization: Bearer "
                    + Grants.forPath(FRONT) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.0 400").contains("application/problem+json").contains("Host");
        }
    }

    @Test
    void shouldRefuseAHostItDoesNotAnswerForAndSignNoUrlForIt() {
        given().header("Host", "evil.example").queryParam("delivery", "redirect").redirects().follow(false)
                .when().get(FRONT).then().statusCode(400).contentType("application/problem+json")
                .header("Location", (String) null).body("detail", not(containsString("evil")));
        given().header("Host", "evil.example").when().get("/q/health/ready").then().statusCode(200);
        given().header("Host", "LOCALHOST:" + Sandbox.port()).queryParam("delivery", "redirect").redirects()
                .follow(false).when().get(FRONT).then().statusCode(303);
    }

    @Test
    void shouldNotEchoAnUnknownProviderName() {
        given().when().get("/v1/%3Cscript%3Ealert(1)%3C%2Fscript%3E/sessions/" + YotiSandboxData.COMPLETED)
                .then().statusCode(404).body("type", equalTo("urn:idv-media:problem:unknown-provider"))
                .body("detail", not(containsString("script"))).body("detail", containsString("yoti"));
    }

    @Test
    void shouldMarkEveryResponseNosniff() {
        given().when().get("/v1/yoti/sessions/" + YotiSandboxData.COMPLETED).then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff");
        given().when().get("/v1/yoti/sessions/not-a-uuid").then().statusCode(400)
                .header("X-Content-Type-Options", "nosniff");
        given().when().get("/q/health/ready").then().header("X-Content-Type-Options", "nosniff");
        given().when().get(FRONT).then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("sandbox"))
                .header("Referrer-Policy", "no-referrer");
    }

    private static void request(Socket socket, String method, String path) throws Exception {
        socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + Grants.forPath(path) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static long bytesSent(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytesSent=(\\d+)").matcher(line);
        if (!m.find()) {
            throw new AssertionError("No bytesSent in " + line);
        }
        return Long.parseLong(m.group(1));
    }
}
