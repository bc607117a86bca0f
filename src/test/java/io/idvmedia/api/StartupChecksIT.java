package io.idvmedia.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged application refuses to start with settings that would make it unsafe. */
class StartupChecksIT {

    @Test
    void shouldRefuseToStartWithTheLocalStoreButNoPublicUrl() throws Exception {
        Path jar = Path.of("target", "idv-media-functions-0.1.0-SNAPSHOT-runner.jar");
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Didv.media.store=local", "-jar", jar.toString())
                .redirectErrorStream(true).start();
        boolean ended = app.waitFor(60, TimeUnit.SECONDS);
        String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            app.destroyForcibly();
        }

        assertThat(ended).as("the application stops by itself").isTrue();
        assertThat(app.exitValue()).isNotZero();
        assertThat(output).contains("idv.media.local.public-url").contains("IDV_MEDIA_LOCAL_PUBLIC_URL");
    }
}
