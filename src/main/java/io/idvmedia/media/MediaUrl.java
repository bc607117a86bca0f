package io.idvmedia.media;

import java.time.Instant;

/**
 * get-media's {@code delivery=url} answer: a short-lived URL of a staged copy.
 *
 * @param url where the media can be fetched until {@code expiresAt}, without credentials
 * @param expiresAt when the URL stops working
 * @param contentType the media's content type
 * @param contentLength its size in bytes
 * @param sha256 hex SHA-256 of its bytes
 */
public record MediaUrl(String url, Instant expiresAt, String contentType, long contentLength, String sha256) {
}
