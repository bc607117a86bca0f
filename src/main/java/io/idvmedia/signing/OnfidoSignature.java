package io.idvmedia.signing;

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

    public static boolean verify(String token, byte[] body, String signatureHex) {
        return VeriffSignature.verify(token, body, signatureHex);
    }
}
