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
     * The public keys receipts were signed with before the current one (after a rotation): a JWK Set, its JSON or a
     * secret reference to it, each key with its {@code kid}. They are published beside the current key's public half,
     * so that every receipt a retired key signed still verifies from the one JWK Set. Public halves only: a key with
     * private parts is refused, never published.
     */
    Optional<String> retiredKeys();

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
