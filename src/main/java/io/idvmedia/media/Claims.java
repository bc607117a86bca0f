package io.idvmedia.media;

import java.time.Duration;
import java.time.Instant;

/**
 * Claims that make a piece of work happen once across instances: a webhook delivered again, a staging job asked for
 * again. A claim is taken atomically (a conditional write in S3, an exclusive file creation locally) and lasts for
 * its window; a claim older than its window may be taken again.
 */
public interface Claims {

    /**
     * Takes the claim named {@code name} (a path of safe segments) if nobody holds one younger than {@code window}.
     *
     * @return whether this caller now holds it
     */
    boolean claim(String name, Instant now, Duration window);

    /** Gives a claim up, so that the work may be claimed again at once (its hand-over failed, or it is done). */
    void release(String name);
}
