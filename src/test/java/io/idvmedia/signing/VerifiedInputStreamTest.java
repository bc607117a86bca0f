package io.idvmedia.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifiedInputStreamTest {

    private static final String SECRET = "test-secret";

    private static byte[] body(int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (i * 7 + 3);
        }
        return body;
    }

    private static VerifiedInputStream verified(byte[] body, String signature, AtomicInteger mismatches) {
        HmacSha256.Verifier verifier = new HmacSha256.Verifier(SECRET);
        return new VerifiedInputStream(new ByteArrayInputStream(body), new VerifiedInputStream.Check() {
            @Override
            public void update(byte[] bytes, int offset, int length) {
                verifier.update(bytes, offset, length);
            }

            @Override
            public boolean matches() {
                return verifier.matches(signature);
            }
        }, mismatches::incrementAndGet);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 65_535, 65_536, 65_537, 300_001})
    void shouldPassAWellSignedBodyThroughUnchanged(int size) throws IOException {
        byte[] body = body(size);
        AtomicInteger mismatches = new AtomicInteger();

        try (InputStream in = verified(body, HmacSha256.sign(SECRET, body), mismatches)) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
        assertThat(mismatches).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 1000})
    void shouldPassABodyReadOneByteAtATime(int size) throws IOException {
        byte[] body = body(size);
        AtomicInteger mismatches = new AtomicInteger();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (InputStream in = verified(body, HmacSha256.sign(SECRET, body), mismatches)) {
            for (int b; (b = in.read()) >= 0; ) {
                out.write(b);
            }
        }

        assertThat(out.toByteArray()).isEqualTo(body);
        assertThat(mismatches).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 65_536, 300_001})
    void shouldWithholdTheLastByteWhenTheSignatureFails(int size) {
        // GIVEN a body whose signature does not match
        byte[] body = body(size);
        AtomicInteger mismatches = new AtomicInteger();
        InputStream in = verified(body, HmacSha256.sign("other-secret", body), mismatches);
        byte[] buffer = new byte[4096];
        long[] delivered = new long[1];

        // WHEN it is read to the end
        assertThatThrownBy(() -> {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                delivered[0] += n;
            }
        }).isInstanceOf(ResponseSignatureException.class);

        // THEN the reader never received it whole, and the mismatch was reported once
        assertThat(delivered[0]).isLessThan(size);
        assertThatThrownBy(() -> in.read(buffer)).isInstanceOf(ResponseSignatureException.class);
        assertThat(mismatches).hasValue(1);
    }
}
