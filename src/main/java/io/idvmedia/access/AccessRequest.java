package io.idvmedia.access;

import java.util.Optional;

/**
 * What the gate decides on: the operation asked for, the provider, session and media named by the route or event
 * (as sent: the gate checks their shape), the {@code Authorization} header, and who is calling from where.
 */
public record AccessRequest(Channel channel, OperationName operation, String provider, String sessionId,
        String mediaId, Optional<String> authorization, String callerAddress) {
}
