package io.idvmedia.access;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A grant's compact serialization, held to its one canonical form before anything else reads it: three segments of
 * base64url characters without padding, each the exact encoding of its bytes (no spare bits set), and an ES256
 * signature in its low-S form. One grant then has exactly one string: a JWS library that tolerates stray characters,
 * padding or the other half of an ECDSA signature would otherwise let one grant be presented as many.
 */
public final class CompactGrant {

    /** The order of the P-256 group: an ECDSA signature (r, s) and (r, n - s) verify alike. */
    private static final BigInteger P256_ORDER = new BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger HALF_ORDER = P256_ORDER.shiftRight(1);
    private static final int ES256_SIGNATURE_BYTES = 64;
    /** An unsigned JWS has an empty third segment: it passes here, and the signature check refuses it by name. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final byte[] signingInput;
    private final byte[] signature;

    private CompactGrant(byte[] signingInput, byte[] signature) {
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** The grant's decoded parts; a 401 ({@code malformed}) naming what is not canonical otherwise. */
    public static CompactGrant parse(String token) {
        if (!SHAPE.matcher(token).matches()) {
            throw AccessDeniedException.invalid("malformed", "The grant is not a compact JWS of three base64url"
                    + " segments (A-Z, a-z, 0-9, - and _ only, no padding)");
        }
        String[] segments = token.split("\\.", -1);
        byte[] signature = canonical(segments[2]);
        canonical(segments[0]);
        canonical(segments[1]);
        return new CompactGrant((segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII), signature);
    }

    private static byte[] canonical(String segment) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw AccessDeniedException.invalid("malformed", "A segment of the grant is not base64url", e);
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(segment)) {
            throw AccessDeniedException.invalid("malformed", "A segment of the grant is not in its canonical"
                    + " base64url form");
        }
        return bytes;
    }

    /**
     * Refuses an ES256 signature in its high-S form (s greater than n/2); the algorithm is the header's, which the
     * signature check then holds it to.
     */
    public void requireLowS(String algorithm) {
        if ("ES256".equals(algorithm) && signature.length == ES256_SIGNATURE_BYTES && !isLowS(signature)) {
            throw AccessDeniedException.invalid("signature", "The grant's ES256 signature is not in its low-S form"
                    + " (s at most n/2)");
        }
    }

    /** What identifies the grant: the SHA-256 of its decoded signing input and signature, as hex. */
    public String digest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(signingInput);
            sha256.update((byte) '.');
            sha256.update(signature);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Whether a P-256 signature r || s (64 bytes) has s at most n/2. */
    public static boolean isLowS(byte[] signature) {
        return new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)).compareTo(HALF_ORDER) <= 0;
    }

    /**
     * The compact ES256 JWS with its signature in the low-S form (s replaced by n - s when greater than n/2); the
     * same JWS for any other algorithm. What issue-grant and the sandbox mint.
     */
    public static String withLowS(String compact, String algorithm) {
        if (!"ES256".equals(algorithm)) {
            return compact;
        }
        int dot = compact.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(compact.substring(dot + 1));
        if (signature.length != ES256_SIGNATURE_BYTES || isLowS(signature)) {
            return compact;
        }
        BigInteger s = P256_ORDER.subtract(new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
        byte[] low = s.toByteArray();
        byte[] fixed = Arrays.copyOf(signature, ES256_SIGNATURE_BYTES);
        Arrays.fill(fixed, 32, 64, (byte) 0);
        int from = Math.max(0, low.length - 32);
        System.arraycopy(low, from, fixed, 64 - (low.length - from), low.length - from);
        return compact.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
