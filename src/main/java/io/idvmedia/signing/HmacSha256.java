package io.idvmedia.signing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Lowercase hex HMAC-SHA256, the signature several providers put in a header (Veriff's requests, responses and
 * webhooks, Onfido's webhooks, Sumsub's requests): {@link Hmac} with SHA-256. Verification is constant-time and can
 * run incrementally while a body streams past.
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {
    }

    public static String sign(String key, String payload) {
        return sign(key, payload.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(String key, byte[] payload) {
        return Hmac.sign(ALGORITHM, key, payload);
    }

    public static boolean verify(String key, byte[] payload, String signatureHex) {
        return Hmac.verify(ALGORITHM, key, payload, signatureHex);
    }

    /**
     * Whether the signature is the body's HMAC with any of the keys (during a rotation, more than one is accepted);
     * every secret is tried, so that the time taken does not tell which one matched.
     */
    public static boolean verifyAny(List<String> keys, byte[] payload, String signatureHex) {
        return Hmac.verifyAny(ALGORITHM, keys, payload, signatureHex);
    }

    /** Incremental HMAC-SHA256 over a body that passes through in pieces; never holds the body. */
    public static final class Verifier extends Hmac.Verifier {
        public Verifier(String key) {
            super(ALGORITHM, key);
        }
    }
}
