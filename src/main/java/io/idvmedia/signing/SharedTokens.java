package io.idvmedia.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Constant-time comparison of a presented token with the accepted ones (several during a rotation). Both sides are
 * hashed first, so neither the content nor the length of an accepted token shows in the time taken, and every
 * accepted token is compared whatever the earlier ones gave.
 */
public final class SharedTokens {

    private SharedTokens() {
    }

    public static boolean matchesAny(String presented, List<String> accepted) {
        if (presented == null) {
            return false;
        }
        byte[] given = sha256(presented);
        boolean match = false;
        for (String token : accepted) {
            match |= MessageDigest.isEqual(given, sha256(token));
        }
        return match;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
