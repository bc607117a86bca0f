package io.idvmedia.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code idv.receipts.*}: how erasure receipts are signed, and how long the store must keep them. */
@ConfigMapping(prefix = "idv.receipts")
public interface ReceiptsConfig {

    /**
     * Secret reference to the private JWK receipts are signed with: EC P-256 with a {@code kid} (ES256), in the
     * format of {@code idv.access.signing-key}. Without it deletes still work, and say that no receipt was signed.
     */
    Optional<String> signingKey();

    /**
     * Where the bucket has S3 Object Lock: each receipt is written with a retention of this long, in
     * {@link #lockMode()}, so that nobody (in compliance mode, not even the account's root) removes or replaces it
     * before then. Absent: receipts are written without a retention of their own (the bucket's default applies).
     */
    Optional<Duration> lockRetention();

    /** The Object Lock mode of a receipt's retention: {@code COMPLIANCE} or {@code GOVERNANCE}. */
    @WithDefault("COMPLIANCE")
    String lockMode();
}
