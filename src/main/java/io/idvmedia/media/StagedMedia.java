package io.idvmedia.media;

import io.idvmedia.provider.MediaKind;
import java.time.Duration;
import java.time.Instant;

/**
 * The manifest of a complete staged copy, written only once the copy itself is complete.
 *
 * @param contentType the provider's content type
 * @param contentLength the number of bytes staged
 * @param sha256 hex SHA-256 of those bytes, computed while they were staged
 * @param stagedAt when staging began (a deletion recorded after it makes the copy unusable)
 * @param kind what the media shows, when the provider's media index said so (for download names)
 * @param reuseUntil until when the copy may be served without asking the provider again, when its staging said so
 *     (copies of completed sessions staged by a job); absent, {@code idv.media.staged-max-age} after stagedAt
 * @param archived whether the copy is in the archive (see {@link ArchiveConfig})
 */
public record StagedMedia(String contentType, long contentLength, String sha256, Instant stagedAt, MediaKind kind,
        Instant reuseUntil, boolean archived) {

    /** Whether the copy may still be served at {@code now}, copies without their own limit living for maxAge. */
    public boolean reusableAt(Instant now, Duration maxAge) {
        Instant until = reuseUntil != null ? reuseUntil : stagedAt.plus(maxAge);
        return until.isAfter(now);
    }
}
