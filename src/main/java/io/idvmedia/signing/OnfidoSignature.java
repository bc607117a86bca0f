package io.idvmedia.signing;

import java.util.List;

/**
 * Onfido's webhook signature, {@code X-SHA2-Signature}: the lowercase hex HMAC-SHA256 of the raw body with the
 * webhook's token; the very scheme of Veriff's body signatures, so computed and checked (in constant time) by
 * {@link VeriffSignature}.
 */
public final class OnfidoSignature {

    public static final String HEADER = "X-SHA2-Signature";

    private OnfidoSignature() {
    }

    public static String sign(String token, byte[] body) {
        return VeriffSignature.sign(token, body);
    }

    /** Whether the signature is the body's HMAC with any of the tokens (see {@link VeriffSignature#verifyAny}). */
    public static boolean verifyAny(List<String> tokens, byte[] body, String signatureHex) {
        return VeriffSignature.verifyAny(tokens, body, signatureHex);
    }
}
