package io.idvmedia.media;

import io.idvmedia.provider.MediaKind;
import java.time.Instant;

/**
 * The manifest of a complete staged copy, written only once the copy itself is complete.
 *
 * @param contentType the provider's content type
 * @param contentLength the number of bytes staged
 * @param sha256 hex SHA-256 of those bytes, computed while they were staged
 * @param stagedAt when staging began (a deletion recorded after it makes the copy unusable)
 * @param kind what the media shows, when the provider's media index said so (for download names)
 */
public record StagedMedia(String contentType, long contentLength, String sha256, Instant stagedAt, MediaKind kind) {
}
