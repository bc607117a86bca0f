package io.idvmedia.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged application refuses to start with settings that would make it unsafe, naming the setting and never
 * its value.
 */
class StartupChecksIT {

    private static final String PUBLIC_URL = "-Didv.media.local.public-url=http://localhost:8080";

    @Test
    void shouldRefuseToStartWithTheLocalStoreButNoPublicUrl() throws Exception {
        String output = refusedStart("-Didv.media.store=local");

        assertThat(output).contains("idv.media.local.public-url").contains("IDV_MEDIA_LOCAL_PUBLIC_URL");
    }

    @Test
    void shouldRefuseAUrlSigningKeyShorterThan32Bytes() throws Exception {
        // A one-byte key: a URL signed with it offline would pass.
        Path key = secretFile("url-key", "k");

        String output = refusedStart(PUBLIC_URL, "-Didv.media.local.url-signing-key=file:" + key.toAbsolutePath());

        assertThat(output).contains("idv.media.local.url-signing-key").contains("at least 32 bytes");
    }

    @Test
    void shouldRefuseABlankVeriffWebhookSecretOrOnfidoWebhookToken() throws Exception {
        // Empty files, as a secret not yet filled in leaves them: every webhook would fail once started.
        Path empty = secretFile("empty-secret", "");
        Path blank = secretFile("blank-token", "  \n");

        String veriff = refusedStart(PUBLIC_URL, "-Didv.veriff.webhook-secrets=file:" + empty.toAbsolutePath());
        String onfido = refusedStart(PUBLIC_URL, "-Didv.onfido.webhook-tokens=literal-ok,file:"
                + blank.toAbsolutePath());

        assertThat(veriff).contains("idv.veriff.webhook-secrets").contains("blank");
        assertThat(onfido).contains("idv.onfido.webhook-tokens").contains("entry 2 of 2").doesNotContain("literal-ok");
    }

    @Test
    void shouldRefuseASecretReferenceThatCannotBeReadNamingTheSettingNotTheReference() throws Exception {
        // GIVEN a Secrets Manager that has no such secret, and a key file that was never written
        WireMockServer secretsManager = new WireMockServer(options().dynamicPort());
        secretsManager.start();
        try {
            secretsManager.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"__type\":\"ResourceNotFoundException\",\"Message\":\"not found\"}")));
            String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:idv-veriff-AbCdEf";

            // WHEN the application starts with a reference to each
            String missingSecret = refusedStart(PUBLIC_URL, "-Didv.secrets.aws.endpoint=" + secretsManager.baseUrl(),
                    "-Didv.secrets.aws.region=eu-west-1", "-Daws.accessKeyId=AKIDTEST", "-Daws.secretAccessKey=x",
                    "-Didv.veriff.api-key=aws-secretsmanager:" + arn + "#apiKey");
            String missingFile = refusedStart(PUBLIC_URL, "-Didv.yoti.private-key=file:"
                    + Path.of("target", "startup-checks", "never-written.pem").toAbsolutePath());

            // THEN it stops at once, naming the setting; the problem names no secret (the log line for the
            // operator names the reference)
            assertThat(missingSecret).contains("idv.veriff.api-key").contains("entry 1 of 1")
                    .contains("cannot be read");
            assertThat(missingFile).contains("idv.yoti.private-key").contains("cannot be read");
            assertThat(secretsManager.getAllServeEvents()).isNotEmpty();
        } finally {
            secretsManager.stop();
        }
    }

    private static Path secretFile(String name, String content) throws IOException {
        Path file = Files.createDirectories(Path.of("target", "startup-checks")).resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /** Starts the packaged application with these settings; it must stop by itself, unsuccessfully. */
    private static String refusedStart(String... settings) throws Exception {
        Path jar = Path.of("target", "idv-media-functions-0.1.0-SNAPSHOT-runner.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.http.port=0"));
        command.addAll(List.of(settings));
        command.addAll(List.of("-jar", jar.toString()));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = app.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            app.destroyForcibly();
        }
        String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("the application stops by itself").isTrue();
        assertThat(app.exitValue()).as(output).isNotZero();
        return output;
    }
}
