package io.idvmedia.access;

import java.time.Instant;

/** A minted grant: the compact JWS to send as {@code Authorization: Bearer}, and when it expires. */
public record IssuedGrant(String token, Instant expiresAt) {
}
