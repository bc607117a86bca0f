package io.idvmedia.access;

import java.util.List;

/**
 * What a grant is asked for ({@code issue-grant}, or the sandbox's demo endpoint): the provider, 1 to 50 session ids,
 * the operations, who it is for, and its lifetime in seconds (optional; capped by {@code idv.access.max-ttl}).
 */
public record GrantRequest(String provider, List<String> sessionIds, List<String> operations, String subject,
        Long ttlSeconds) {
}
