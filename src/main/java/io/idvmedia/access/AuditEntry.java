package io.idvmedia.access;

import io.idvmedia.error.IdvException;
import io.idvmedia.provider.IdFormat;
import java.util.Optional;

/**
 * What one protected request was, for the audit trail: the request's own facts, then who it was for (from the
 * grant), then how it ended. Built in two steps by the adapters: {@link #allowed}/{@link #denied} when the gate has
 * decided, {@link Outcome} when the response has ended. Ids from the route are kept only when they are UUIDs and
 * the provider only when it is one served here, so nothing a caller typed reaches the log.
 */
public record AuditEntry(String requestId, Channel channel, OperationName operation, String provider,
        String sessionId, String mediaId, Access access, String denial, String callerAddress) {

    /** How a request ended. */
    public enum Outcome { COMPLETED, ABORTED, DENIED, DUPLICATE }

    /** A request the gate let through. */
    public static AuditEntry allowed(String requestId, AccessRequest request, Access access, boolean knownProvider) {
        return of(requestId, request, access, null, knownProvider);
    }

    /** A request the gate refused, with the check that failed. */
    public static AuditEntry denied(String requestId, AccessRequest request, IdvException refusal,
            boolean knownProvider) {
        String check = refusal instanceof AccessDeniedException denied ? denied.check()
                : refusal.type().uri().substring(refusal.type().uri().lastIndexOf(':') + 1);
        // A grant that verified but did not cover the request: the line says whose it was.
        Access access = refusal instanceof AccessDeniedException denied ? denied.grant().map(Access::granted)
                .orElse(null) : null;
        return of(requestId, request, access, check, knownProvider);
    }

    private static AuditEntry of(String requestId, AccessRequest request, Access access, String denial,
            boolean knownProvider) {
        return new AuditEntry(requestId, request.channel(), request.operation(),
                knownProvider ? request.provider() : null, uuidOrNull(request.sessionId()),
                uuidOrNull(request.mediaId()), access, denial, request.callerAddress());
    }

    /**
     * A fetch of a staged copy at a URL this service signed: allowed ({@code failedCheck} null, the URL's subject in
     * {@code access}) or refused (with the check that failed; {@code access} only when the signature held).
     */
    public static AuditEntry stagedFetch(String requestId, String provider, String sessionId, String mediaId,
            Access access, String failedCheck, String callerAddress) {
        String check = failedCheck;
        return new AuditEntry(requestId, Channel.HTTP, OperationName.STAGED_MEDIA, provider, uuidOrNull(sessionId),
                uuidOrNull(mediaId), access, check, callerAddress);
    }

    public boolean isDenied() {
        return denial != null;
    }

    public Optional<Grant> grant() {
        return access == null ? Optional.empty() : access.grant();
    }

    /**
     * Who the request counts as, for shares of the instance's work: the grant's subject; without a grant the
     * caller's address; without either (an invocation IAM authorized) its channel.
     */
    public Caller caller() {
        String key = grant().map(g -> "sub:" + g.subject())
                .orElseGet(() -> callerAddress != null ? "ip:" + callerAddress : channel.id());
        return new Caller(key, grant().map(Grant::subject));
    }

    private static String uuidOrNull(String id) {
        return IdFormat.UUID.matches(id) ? IdFormat.UUID.normalize(id) : IdFormat.ANY.matches(id) ? id : null;
    }
}
