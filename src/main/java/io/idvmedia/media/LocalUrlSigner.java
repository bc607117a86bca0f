package io.idvmedia.media;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the application's own media URLs: HMAC-SHA256 over the path, the expiry, whether the media is
 * served as a download and the grant subject the URL was made for, compared in constant time. Pure.
 */
public final class LocalUrlSigner {

    private final byte[] key;

    public LocalUrlSigner(byte[] key) {
        this.key = key.clone();
    }

    public String sign(String path, long expiresEpochSecond, boolean download, Optional<String> subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // The subject last and marked as present, so that no subject and an empty one sign differently.
            String message = path + "\n" + expiresEpochSecond + "\n" + (download ? "download" : "inline")
                    + subject.map(s -> "\nsub:" + s).orElse("");
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    public boolean verify(String path, long expiresEpochSecond, boolean download, Optional<String> subject,
            String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(path, expiresEpochSecond, download, subject).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
