package io.idvmedia.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.secrets.SecretsConfig;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.testing.AccessKeys;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier's memory of grants that verified: never past their exp, never longer than its TTL. */
class GrantVerifierTest {

    private final MutableClock clock = new MutableClock();
    private GrantVerifier verifier;

    @BeforeEach
    void setUp() {
        AccessKeys.writeSecretJwks(false);
        AccessConfig config = config(Duration.ofSeconds(60));
        SecretsProvider secrets = new SecretsProvider(new SecretsConfig() {
            @Override
            public Duration maxAge() {
                // Secrets read afresh every time: what remains is the verifier's own memory.
                return Duration.ZERO;
            }

            @Override
            public Aws aws() {
                return null;
            }
        }, new ObjectMapper());
        verifier = new GrantVerifier(config, new GrantKeys(config, secrets, clock), clock);
    }

    @Test
    void shouldRefuseARememberedGrantOnceItHasExpired() {
        // GIVEN a grant that verified, valid for 2 more minutes
        String grant = AccessTest.valid().lifetime(0, 120).sign();
        assertThat(verifier.verify(grant).subject()).isEqualTo("test-user-1");

        // WHEN it is sent again after its exp (and the skew)
        clock.advance(Duration.ofSeconds(151));

        // THEN it is refused as expired, although it is remembered
        assertThatThrownBy(() -> verifier.verify(grant)).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.check()).isEqualTo("expired"));
    }

    @Test
    void shouldCheckTheSignatureAgainOnceTheMemoryHasLapsed() throws Exception {
        // GIVEN a grant that verified with the key rsa-1, ec-1 and hs-1 are trusted with
        String grant = AccessTest.valid().lifetime(0, 600).sign();
        verifier.verify(grant);

        // WHEN its key is removed from the JWK Set
        Files.writeString(AccessKeys.JWKS_FILE, "{\"keys\":[]}");

        // THEN it is still accepted while remembered, and refused once the memory has lapsed
        clock.advance(Duration.ofSeconds(30));
        assertThat(verifier.verify(grant).subject()).isEqualTo("test-user-1");
        clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> verifier.verify(grant)).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.check()).isEqualTo("unknown-key"));
    }

    private static AccessConfig config(Duration cacheTtl) {
        return new AccessConfig() {
            @Override
            public Mode mode() {
                return Mode.GRANT;
            }

            @Override
            public Optional<String> issuer() {
                return Optional.of(AccessKeys.ISSUER);
            }

            @Override
            public String audience() {
                return "idv-media-functions";
            }

            @Override
            public Duration maxTtl() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration clockSkew() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Optional<String> jwks() {
                return Optional.of("file:" + AccessKeys.JWKS_FILE);
            }

            @Override
            public Optional<URI> jwksUrl() {
                return Optional.empty();
            }

            @Override
            public Duration jwksUrlCacheDuration() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration keyRefreshMinInterval() {
                return Duration.ZERO;
            }

            @Override
            public Duration verifiedCacheTtl() {
                return cacheTtl;
            }

            @Override
            public Optional<String> signingKey() {
                return Optional.empty();
            }

            @Override
            public Duration grantTtl() {
                return Duration.ofMinutes(5);
            }
        };
    }

    /** A clock the test moves; starts now, since grants are signed with the real time. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
