package io.idvmedia.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    // The vector Veriff documents for its HMAC signatures.
    private static final String SECRET = "abcdef12-abcd-abcd-abcd-abcdef012345";
    private static final String SESSION_ID = "aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7";
    private static final String SIGNATURE = "895cb3fd31139d89aeb7b263682e15479ab57651e70591256ad2c14fde4950dd";

    @Test
    void shouldSignThePathIdAsVeriffDocuments() {
        assertThat(HmacSha256.sign(SECRET, SESSION_ID)).isEqualTo(SIGNATURE);
    }

    @Test
    void shouldVerifyAMatchingSignatureInAnyHexCase() {
        byte[] payload = SESSION_ID.getBytes(StandardCharsets.UTF_8);

        assertThat(HmacSha256.verify(SECRET, payload, SIGNATURE)).isTrue();
        assertThat(HmacSha256.verify(SECRET, payload, SIGNATURE.toUpperCase())).isTrue();
    }

    @Test
    void shouldRejectAWrongMissingOrMalformedSignature() {
        byte[] payload = SESSION_ID.getBytes(StandardCharsets.UTF_8);
        String flipped = SIGNATURE.substring(0, 63) + (SIGNATURE.endsWith("d") ? "e" : "d");

        assertThat(HmacSha256.verify(SECRET, payload, flipped)).isFalse();
        assertThat(HmacSha256.verify(SECRET, payload, null)).isFalse();
        assertThat(HmacSha256.verify(SECRET, payload, "not-hex")).isFalse();
        assertThat(HmacSha256.verify("another-secret", payload, SIGNATURE)).isFalse();
    }

    @Test
    void shouldVerifyIncrementallyWhatItWouldVerifyWhole() {
        // GIVEN a body that arrives in uneven pieces
        byte[] body = new byte[100_003];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        String whole = HmacSha256.sign(SECRET, body);

        // WHEN the pieces pass through a verifier one by one
        HmacSha256.Verifier verifier = new HmacSha256.Verifier(SECRET);
        for (int off = 0; off < body.length; off += 4_097) {
            verifier.update(body, off, Math.min(4_097, body.length - off));
        }

        // THEN the result is the same
        assertThat(verifier.matches(whole)).isTrue();
    }
}
