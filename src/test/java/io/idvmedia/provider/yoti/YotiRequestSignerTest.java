package io.idvmedia.provider.yoti;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class YotiRequestSignerTest {

    private static final UUID NONCE = UUID.fromString("5f3c2b1a-0d9e-4c8b-a7f6-e5d4c3b2a190");
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1763719200000L), ZoneOffset.UTC);
    private static final String PATH = "/sessions/11111111-1111-4111-8111-111111111111";
    private static final String SIGNED_PATH = PATH
            + "?sdkId=test-sdk-id&nonce=5f3c2b1a-0d9e-4c8b-a7f6-e5d4c3b2a190&timestamp=1763719200000";

    /*
     * Expected digests were produced with OpenSSL from the keys in src/test/resources/keys:
     *   M='GET&/sessions/11111111-1111-4111-8111-111111111111?sdkId=test-sdk-id&nonce=5f3c2b1a-0d9e-4c8b-a7f6-e5d4c3b2a190&timestamp=1763719200000'
     *   printf '%s' "$M" | openssl dgst -sha256 -sign test-key-pkcs1.pem | base64 -w0
     * and, for a request with a body ({"a":1}, Base64 eyJhIjoxfQ==) signed with the PKCS#8 form of the same key:
     *   M='POST&/sessions?sdkId=test-sdk-id&nonce=5f3c2b1a-0d9e-4c8b-a7f6-e5d4c3b2a190&timestamp=1763719200000&eyJhIjoxfQ=='
     *   printf '%s' "$M" | openssl dgst -sha256 -sign test-key-pkcs8.pem | base64 -w0
     */
    private static final String GET_DIGEST = "flCr+zCT7FSR5uzwZhws14Xb7a7jBwUl4Ou01affYNaVFo91+0iGf5WP0E2NxwWkvht7dcz3s"
            + "OVIVPEV1p+d+yMiOZj+6cXXs5vED23N48vYtlprYhlqICMQXuJGgPqi57mJpS/NBfXtPuk0YZygcAkkFRlKepSSROGIFIvkwLMgZ/pq"
            + "BAZhsIgakEc0aZ7DG/kBjkdG8q3m1kcDtzqkgDAm435LTypetKiMwVkPci5xLnXOTLM9bOhwHLNopjqNORtrrBkOXqx6VbR9GEE7NDd"
            + "qw5fVvCr748+x7ho54fjA6AS9+JKu2JvYyZNTCADgDahwPROWz7G4VwOSK0DbUg==";
    private static final String POST_DIGEST = "M7aC0AiI19IQUySVbhNNXxrBHQ3FdxME1hx+fgWNWMFXFqJbTNcqW30CLY0b0ZNqocgcnD"
            + "Nhbp47GiNQDynGz0m4epOZvTdM4TvQxPvMIXFCrusA2pUOuHKpfanjiO14G0Q9lViParV1YtjZW1k99LosA5ScXm3JecXN/9VU7sHq"
            + "IS/"
            + "znhwJZjw+K1G6+zKsb4DLl6KlJ+Jwb4ItbO1BZdqsx86uWQOhNcUp/2ry4IGHUVdrJImQpSCbsm5qb0HAU6cdC2h+c7HrxretXwSKc7f"
            + "P54k1VaxmQ+rSxffvAu1KYzc+8wqJsMrYZaFSXscxmdTvLBksYcZfQ1o/azUCHw==";

    @Test
    void shouldSignGetWithPkcs1KeyExactlyAsOpenSsl() throws IOException {
        // GIVEN a PKCS#1 key, a fixed clock and nonce
        YotiRequestSigner signer = new YotiRequestSigner("test-sdk-id", TestKeys.key("test-key-pkcs1.pem"), CLOCK,
                () -> NONCE);

        // WHEN a GET is signed
        YotiRequestSigner.SignedRequest signed = signer.sign("GET", PATH, null);

        // THEN the query carries sdkId, nonce and timestamp, and the digest is OpenSSL's
        assertThat(signed.pathWithQuery()).isEqualTo(SIGNED_PATH);
        assertThat(signed.headers()).containsEntry("X-Yoti-Auth-Digest", GET_DIGEST);
    }

    @Test
    void shouldSignBodyWithPkcs8KeyExactlyAsOpenSsl() throws IOException {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String pathWithQuery = "/sessions?sdkId=test-sdk-id&nonce=" + NONCE + "&timestamp=1763719200000";

        String digest = YotiRequestSigner.digest(TestKeys.key("test-key-pkcs8.pem"), "POST", pathWithQuery, body);

        assertThat(digest).isEqualTo(POST_DIGEST);
    }

    @Test
    void shouldProduceDigestThatThePublicKeyVerifies() throws Exception {
        YotiRequestSigner signer = new YotiRequestSigner("test-sdk-id", TestKeys.key("test-key-pkcs8.pem"));

        YotiRequestSigner.SignedRequest signed = signer.sign("DELETE", PATH + "/media/m/content", null);

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(TestKeys.publicKey());
        verifier.update(("DELETE&" + signed.pathWithQuery()).getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(signed.headers().get("X-Yoti-Auth-Digest")))).isTrue();
    }

    @Test
    void shouldAppendAuthParamsAfterAnExistingQuery() throws IOException {
        YotiRequestSigner signer = new YotiRequestSigner("id with space", TestKeys.key("test-key-pkcs1.pem"), CLOCK,
                () -> NONCE);

        String path = signer.sign("GET", "/sessions?x=1", null).pathWithQuery();

        assertThat(path).startsWith("/sessions?x=1&sdkId=id+with+space&nonce=");
    }

    @Test
    void shouldUseAFreshNonceForEveryRequest() throws IOException {
        YotiRequestSigner signer = new YotiRequestSigner("test-sdk-id", TestKeys.key("test-key-pkcs1.pem"));

        assertThat(signer.sign("GET", PATH, null).pathWithQuery())
                .isNotEqualTo(signer.sign("GET", PATH, null).pathWithQuery());
    }
}
