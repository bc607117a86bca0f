package io.idvmedia.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.secrets.SecretsConfig;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.testing.AccessKeys;
import io.idvmedia.testing.Grants;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier's memory of grants that verified (never past their exp, never longer than its TTL), and what makes a
 * grant one string only: canonical base64url, the low-S form of an ES256 signature, the grant's own type.
 */
class GrantVerifierTest {

    private final MutableClock clock = new MutableClock();
    private GrantVerifier verifier;

    @BeforeEach
    void setUp() {
        AccessKeys.writeSecretJwks(false);
        AccessConfig config = config(Duration.ofSeconds(60));
        verifier = new GrantVerifier(config, new GrantKeys(config, secrets(), clock), clock);
    }

    private static SecretsProvider secrets() {
        return new SecretsProvider(new SecretsConfig() {
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

    @Test
    void shouldRefuseAValidGrantWithCharactersInsertedIntoItsSignature() {
        // GIVEN a valid grant, and the same with characters a lenient base64url decoder skips
        String grant = AccessTest.valid().sign();
        assertThat(verifier.verify(grant).subject()).isEqualTo("test-user-1");
        int signature = grant.lastIndexOf('.') + 1;
        List<String> tampered = List.of(
                grant.substring(0, signature + 4) + "!" + grant.substring(signature + 4),
                grant.substring(0, signature + 4) + "%" + grant.substring(signature + 4),
                grant + "==",
                grant.substring(0, signature) + " " + grant.substring(signature));

        // THEN none of them is a grant: one grant has one string
        for (String token : tampered) {
            assertThatThrownBy(() -> verifier.verify(token)).as(token)
                    .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                        assertThat(e.check()).isEqualTo("malformed");
                        assertThat(e.getMessage()).doesNotContain(token.substring(signature));
                    });
        }
    }

    @Test
    void shouldRefuseASegmentWithSpareBitsSet() {
        // GIVEN a grant whose signature segment's last character is swapped for one that decodes to the same bytes
        String grant = AccessTest.valid().sign();
        String signature = grant.substring(grant.lastIndexOf('.') + 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = signature.charAt(signature.length() - 1);
        // 64 bytes take 86 characters: the last one carries 2 bits, so the next character decodes alike.
        String twin = grant.substring(0, grant.length() - 1) + alphabet.charAt(alphabet.indexOf(last) + 1);

        // THEN the twin is refused as not canonical
        assertThatThrownBy(() -> verifier.verify(twin)).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.check()).isEqualTo("malformed"));
    }

    @Test
    void shouldRefuseTheHighSFormOfAnEs256Signature() {
        // GIVEN the same grant signed twice over: its low-S signature, and the high-S one that verifies alike
        Grants.Builder grant = AccessTest.valid();
        String low = grant.sign();
        String high = grant.highS().sign();
        assertThat(high).isNotEqualTo(low);
        assertThat(verifier.verify(low).subject()).isEqualTo("test-user-1");

        // THEN the high-S form is refused
        assertThatThrownBy(() -> verifier.verify(high)).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.check()).isEqualTo("signature"));
    }

    @Test
    void shouldRefuseAJwtOfAnotherTypeFromTheSameIssuer() {
        // GIVEN an access token and an untyped JWT, signed by the grants' own issuer and key
        String accessToken = AccessTest.valid().typ("at+jwt").sign();
        String untyped = AccessTest.valid().typ(null).sign();

        // THEN neither is a grant
        assertThatThrownBy(() -> verifier.verify(accessToken)).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.check()).isEqualTo("type"));
        assertThatThrownBy(() -> verifier.verify(untyped)).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.check()).isEqualTo("type"));
    }

    @Test
    void shouldAcceptAnUntypedGrantOnlyWhenTypesAreNotRequired() {
        // GIVEN a verifier for an issuer that cannot set typ, and that signs with an unnormalizing ECDSA library
        AccessConfig lenient = config(Duration.ofSeconds(60), false, false);
        GrantVerifier verifier = new GrantVerifier(lenient, new GrantKeys(lenient, secrets(), clock), clock);

        // THEN an untyped grant, and the high-S form, pass; another type still does not
        assertThat(verifier.verify(AccessTest.valid().typ(null).sign()).subject()).isEqualTo("test-user-1");
        assertThat(verifier.verify(AccessTest.valid().highS().sign()).subject()).isEqualTo("test-user-1");
        assertThatThrownBy(() -> verifier.verify(AccessTest.valid().typ("at+jwt").sign()))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.check()).isEqualTo("type"));
    }

    private static AccessConfig config(Duration cacheTtl) {
        return config(cacheTtl, true, true);
    }

    private static AccessConfig config(Duration cacheTtl, boolean requireTyp, boolean requireLowS) {
        return config(cacheTtl, requireTyp, requireLowS, AccessConfig.Signatures.BOUNCY_CASTLE);
    }

    static AccessConfig config(Duration cacheTtl, boolean requireTyp, boolean requireLowS,
            AccessConfig.Signatures signatures) {
        return new AccessConfig() {
            @Override
            public boolean requireTyp() {
                return requireTyp;
            }

            @Override
            public boolean requireLowS() {
                return requireLowS;
            }

            @Override
            public Mode mode() {
                return Mode.GRANT;
            }

            @Override
            public Signatures signatures() {
                return signatures;
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
