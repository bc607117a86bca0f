package io.idvmedia.access;

import java.util.Optional;

/** Why a request was let through: a verified grant, IAM (direct invocation), or the explicit open mode. */
public record Access(Basis basis, Optional<Grant> grant) {

    /** The grounds on which a request was allowed. */
    public enum Basis { GRANT, IAM, OPEN, WEBHOOK }

    static Access granted(Grant grant) {
        return new Access(Basis.GRANT, Optional.of(grant));
    }

    static Access iam() {
        return new Access(Basis.IAM, Optional.empty());
    }

    /** A webhook authenticated as its provider (signature or token). */
    public static Access webhook() {
        return new Access(Basis.WEBHOOK, Optional.empty());
    }

    static Access open() {
        return new Access(Basis.OPEN, Optional.empty());
    }
}
