package io.idvmedia.media;

import java.time.Instant;

/**
 * How a staged copy is kept: until when it may be served without asking the provider (null: the default
 * {@code idv.media.staged-max-age}), and whether it goes to the archive (its own prefix, its own retention, exempt
 * from the staged copies' expiry; removed by deletes like every copy).
 */
public record Keeping(Instant reuseUntil, boolean archive) {

    /** A copy made for a request: served for the default max age, not archived. */
    public static final Keeping ON_DEMAND = new Keeping(null, false);
}
