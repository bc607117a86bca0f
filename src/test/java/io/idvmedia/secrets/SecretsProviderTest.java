package io.idvmedia.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsProviderTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final Map<String, String> env = new HashMap<>();

    private SecretsProvider provider(Duration maxAge) {
        return new SecretsProvider(Map.of(
                SecretReference.Scheme.FILE, new FileSecretSource(),
                SecretReference.Scheme.ENV, new EnvSecretSource(env::get)), maxAge, clock,
                new ObjectMapper());
    }

    @Test
    void shouldReadAFileSecretWithoutItsTrailingNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("key"), "s3cret\n");

        assertThat(provider(Duration.ofMinutes(5)).get("file:" + file)).isEqualTo("s3cret");
    }

    @Test
    void shouldPassLiteralsThroughAndResolveReferences() {
        env.put("SDK_ID", "from-env");
        SecretsProvider secrets = provider(Duration.ofMinutes(5));

        assertThat(secrets.resolve("plain-sdk-id")).isEqualTo("plain-sdk-id");
        assertThat(secrets.resolve("env:SDK_ID")).isEqualTo("from-env");
    }

    @Test
    void shouldServeFromCacheUntilTheMaxAgeThenReadAgain() throws IOException {
        // GIVEN a cached file secret
        Path file = Files.writeString(dir.resolve("key"), "v1");
        SecretsProvider secrets = provider(Duration.ofMinutes(5));
        assertThat(secrets.get("file:" + file)).isEqualTo("v1");

        // WHEN the file changes
        Files.writeString(file, "v2");

        // THEN the cached value is used until the max age has passed
        clock.advance(Duration.ofMinutes(4));
        assertThat(secrets.get("file:" + file)).isEqualTo("v1");
        clock.advance(Duration.ofMinutes(2));
        assertThat(secrets.get("file:" + file)).isEqualTo("v2");
    }

    @Test
    void shouldReadAgainAtOnceAfterInvalidation() throws IOException {
        Path file = Files.writeString(dir.resolve("key"), "old");
        SecretsProvider secrets = provider(Duration.ofHours(1));
        secrets.get("file:" + file);
        Files.writeString(file, "rotated");

        secrets.invalidate("file:" + file);

        assertThat(secrets.get("file:" + file)).isEqualTo("rotated");
    }

    @Test
    void shouldSayWhatFailedButNeitherWhereNorAValueWhenASecretIsMissing() {
        SecretsProvider secrets = provider(Duration.ofMinutes(5));

        // The reference is for the log only: a problem's detail must not name a place (an ARN names an account).
        assertThatThrownBy(() -> secrets.get("env:NOT_SET"))
                .isInstanceOfSatisfying(SecretUnavailableException.class, e -> {
                    assertThat(e.getMessage()).contains("env: reference").doesNotContain("NOT_SET");
                    assertThat(e.reference()).hasToString("env:NOT_SET");
                });
        assertThatThrownBy(() -> secrets.get("file:" + dir.resolve("absent")))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void shouldParseSecretsManagerReferencesWithArnsAndFields() {
        SecretReference ref = SecretReference.parse(
                "aws-secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:yoti-AbCdEf#privateKey");

        assertThat(ref.scheme()).isEqualTo(SecretReference.Scheme.AWS_SECRETS_MANAGER);
        assertThat(ref.location()).isEqualTo("arn:aws:secretsmanager:eu-west-1:123456789012:secret:yoti-AbCdEf");
        assertThat(ref.jsonField()).contains("privateKey");
        assertThat(SecretReference.isReference("no-scheme")).isFalse();
        assertThatThrownBy(() -> SecretReference.parse("aws-secretsmanager:name#"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-21T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
