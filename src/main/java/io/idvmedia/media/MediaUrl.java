package io.idvmedia.media;

import java.net.URI;
import java.time.Instant;

/**
 * get-media's {@code delivery=url} answer: a short-lived URL of a staged copy.
 *
 * @param url where the media can be fetched until {@code expiresAt}, without credentials; relative to this
 *     application (starting with {@code /}) when the local store has no public URL configured
 * @param expiresAt when the URL stops working
 * @param contentType the media's content type
 * @param contentLength its size in bytes
 * @param sha256 hex SHA-256 of its bytes
 */
public record MediaUrl(String url, Instant expiresAt, String contentType, long contentLength, String sha256) {

    /** This URL, made absolute against the base URL a caller used when it is relative to this application. */
    public MediaUrl against(URI base) {
        if (!url.startsWith("/")) {
            return this;
        }
        String root = base.toString();
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return new MediaUrl(root + url, expiresAt, contentType, contentLength, sha256);
    }
}
