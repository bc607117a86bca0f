package io.idvmedia.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lowercase hex HMAC by a JCA algorithm name ({@code HmacSHA1}, {@code HmacSHA256}, {@code HmacSHA512}): what
 * {@link HmacSha256} is for SHA-256, for a provider that names its algorithm per message (Sumsub's webhooks).
 * Verification is constant-time and can run incrementally while a body streams past.
 */
public final class Hmac {

    private Hmac() {
    }

    public static String sign(String algorithm, String key, byte[] payload) {
        Verifier verifier = new Verifier(algorithm, key);
        verifier.update(payload, 0, payload.length);
        return verifier.hex();
    }

    public static boolean verify(String algorithm, String key, byte[] payload, String signatureHex) {
        Verifier verifier = new Verifier(algorithm, key);
        verifier.update(payload, 0, payload.length);
        return verifier.matches(signatureHex);
    }

    /**
     * Whether the signature is the body's HMAC with any of the keys (during a rotation, more than one is accepted);
     * every key is tried, so that the time taken does not tell which one matched.
     */
    public static boolean verifyAny(String algorithm, List<String> keys, byte[] payload, String signatureHex) {
        boolean matched = false;
        for (String key : keys) {
            matched |= verify(algorithm, key, payload, signatureHex);
        }
        return matched;
    }

    /** Incremental HMAC over a body that passes through in pieces; never holds the body. */
    public static class Verifier {
        private final Mac mac;
        private byte[] result;

        public Verifier(String algorithm, String key) {
            try {
                mac = Mac.getInstance(algorithm);
                mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException(algorithm + " is unavailable", e);
            }
        }

        public void update(byte[] bytes, int offset, int length) {
            if (result != null) {
                throw new IllegalStateException("The signature was already computed");
            }
            mac.update(bytes, offset, length);
        }

        public String hex() {
            return HexFormat.of().formatHex(finish());
        }

        /** Constant-time comparison with an expected hex signature (case-insensitive hex). */
        public boolean matches(String expectedHex) {
            byte[] actual = finish();
            byte[] expected;
            try {
                expected = expectedHex == null ? new byte[0] : HexFormat.of().parseHex(expectedHex.strip());
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(actual, expected);
        }

        private byte[] finish() {
            if (result == null) {
                result = mac.doFinal();
            }
            return result;
        }
    }
}
