package io.idvmedia.access;

import java.util.Optional;

/**
 * Why a request was let through: a verified grant, IAM (direct invocation), the explicit open mode, a provider's
 * webhook authentication, or a URL this service signed (for the subject it names, when it names one).
 */
public record Access(Basis basis, Optional<Grant> grant, Optional<String> subject) {

    /** The grounds on which a request was allowed. */
    public enum Basis { GRANT, IAM, OPEN, WEBHOOK, SIGNED_URL }

    static Access granted(Grant grant) {
        return new Access(Basis.GRANT, Optional.of(grant), Optional.of(grant.subject()));
    }

    static Access iam() {
        return new Access(Basis.IAM, Optional.empty(), Optional.empty());
    }

    /** A webhook authenticated as its provider (signature or token). */
    public static Access webhook() {
        return new Access(Basis.WEBHOOK, Optional.empty(), Optional.empty());
    }

    static Access open() {
        return new Access(Basis.OPEN, Optional.empty(), Optional.empty());
    }

    /**
     * A URL whose signature this service checked; the subject is the one the URL was signed for (empty for a URL made
     * without a grant, in the open mode).
     */
    public static Access signedUrl(Optional<String> subject) {
        return new Access(Basis.SIGNED_URL, Optional.empty(), subject);
    }
}
