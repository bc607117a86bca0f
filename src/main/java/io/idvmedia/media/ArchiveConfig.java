package io.idvmedia.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code idv.archive.*}: copies of completed sessions, staged by their webhook's job, kept in the S3 store under a
 * prefix of their own for the retention period (which the bucket's lifecycle enforces), exempt from the staged
 * copies' expiry, and removed by delete-session and delete-media like every copy.
 */
@ConfigMapping(prefix = "idv.archive")
public interface ArchiveConfig {

    /** Whether staging jobs of completed sessions archive their copies; needs the S3 store. */
    @WithDefault("false")
    boolean enabled();

    /** How long archived copies are kept and served without asking the provider. */
    @WithDefault("90d")
    Duration retention();

    /** Key prefix of archived copies: {@code {prefix}/{provider}/{sessionId}/{mediaId}}. */
    @WithDefault("archive")
    String prefix();

    /** A KMS key for archived copies (SSE-KMS); the store's own encryption when absent. */
    Optional<String> kmsKeyId();

    /**
     * Whether the bucket has S3 Object Lock: the archived copies of a session under a legal hold then carry an Object
     * Lock legal hold (every version of them, including those archived while it is in force), which keeps their bytes
     * past the archive's retention until the hold is released.
     */
    @WithDefault("false")
    boolean objectLock();
}
