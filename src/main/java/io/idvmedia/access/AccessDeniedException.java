package io.idvmedia.access;

import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import java.util.Optional;

/**
 * A request refused by the access gate: no grant or an invalid one (401), a grant that does not cover the request
 * (403), or access control not configured (503). {@link #check()} names the failed check for the audit trail; the
 * detail says the same in words and never repeats what the caller sent.
 */
public class AccessDeniedException extends IdvException {

    private final String check;
    /** The verified grant that did not cover the request, for the audit trail (a 403 says who was refused). */
    private Grant grant;

    private AccessDeniedException(ProblemType type, String check, String detail, Throwable cause) {
        super(type, detail, cause);
        this.check = check;
    }

    /** The grant is missing or failed a check: RFC 6750's {@code invalid_token}. */
    public static AccessDeniedException invalid(String check, String detail) {
        return invalid(check, detail, null);
    }

    public static AccessDeniedException invalid(String check, String detail, Throwable cause) {
        AccessDeniedException e = new AccessDeniedException(ProblemType.GRANT_INVALID, check, detail, cause);
        e.withHeader("WWW-Authenticate", "Bearer realm=\"idv-media-functions\", error=\"invalid_token\"");
        return e;
    }

    /** The grant is valid but does not cover this provider, session or operation. */
    public static AccessDeniedException insufficient(String check, String detail) {
        AccessDeniedException e = new AccessDeniedException(ProblemType.GRANT_INSUFFICIENT, check, detail, null);
        e.withHeader("WWW-Authenticate", "Bearer realm=\"idv-media-functions\", error=\"insufficient_scope\"");
        return e;
    }

    /** Grants are required but nothing to check them with is configured: fail closed. */
    public static AccessDeniedException notConfigured(String detail) {
        return new AccessDeniedException(ProblemType.ACCESS_NOT_CONFIGURED, "not-configured", detail, null);
    }

    /** The keys to check grants with could not be read or fetched: fail closed, and say it is ours to fix. */
    public static AccessDeniedException keysUnavailable(String detail, Throwable cause) {
        return new AccessDeniedException(ProblemType.ACCESS_KEYS_UNAVAILABLE, "keys-unavailable", detail, cause);
    }

    /** The grant does not cover the request; {@code grant} verified, and the audit line names its subject. */
    public static AccessDeniedException insufficient(String check, String detail, Grant grant) {
        AccessDeniedException e = insufficient(check, detail);
        e.grant = grant;
        return e;
    }

    /** The verified grant a refusal was for, when it got that far. */
    public Optional<Grant> grant() {
        return Optional.ofNullable(grant);
    }

    /** A short, stable name of the failed check ({@code expired}, {@code session-not-granted}, ...). */
    public String check() {
        return check;
    }
}
