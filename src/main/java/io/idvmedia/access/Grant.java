package io.idvmedia.access;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A verified grant: who it is for, and which provider, sessions (lower-case UUIDs) and operations it covers, until
 * when.
 */
public record Grant(String subject, Optional<String> jti, String provider, Set<String> sessions,
        Set<OperationName> operations, Instant issuedAt, Instant expiresAt) {

    /** The claim names of this project, beside the registered ones. */
    public static final String PROVIDER_CLAIM = "idv_provider";
    public static final String SESSIONS_CLAIM = "idv_sessions";
    public static final String OPERATIONS_CLAIM = "idv_ops";
    public static final int MAX_SESSIONS = 50;
}
