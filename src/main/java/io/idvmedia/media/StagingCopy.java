package io.idvmedia.media;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads a body for staging while counting it and computing its SHA-256, so that the digest costs no second pass. */
final class StagingCopy {

    private final InputStream body;
    private final MessageDigest sha256;
    private long count;

    StagingCopy(InputStream body) {
        this.body = body;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /**
     * Fills {@code buffer} from the start as far as the body allows; returns the bytes read, 0 at the end. A read
     * failure is a {@link SourceReadException}, so that it is never mistaken for a failure of the store.
     */
    int fill(byte[] buffer) throws SourceReadException {
        int n;
        try {
            n = body.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
        sha256.update(buffer, 0, n);
        count += n;
        return n;
    }

    long count() {
        return count;
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
