package io.idvmedia.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** {@code idv.access.*}: who may call the session routes, and how grants are checked and minted. */
@ConfigMapping(prefix = "idv.access")
public interface AccessConfig {

    /** {@code grant} (every session route needs a grant) or {@code open} (every caller is trusted). */
    @WithDefault("grant")
    Mode mode();

    /** The {@code iss} every grant must carry, and issue-grant writes. */
    Optional<String> issuer();

    /** The audience every grant must name in {@code aud}. */
    @WithDefault("idv-media-functions")
    String audience();

    /** The longest lifetime ({@code exp - iat}) a grant may have. */
    @WithDefault("15m")
    Duration maxTtl();

    /** Tolerance for clocks that disagree, on {@code exp} and {@code iat}. */
    @WithDefault("30s")
    Duration clockSkew();

    /** Secret reference to a JWK Set of verification keys (RS256, ES256, HS256); rotation by {@code kid}. */
    Optional<String> jwks();

    /** An issuer's HTTPS JWKS endpoint (asymmetric keys only), cached and fetched again on an unknown kid. */
    Optional<URI> jwksUrl();

    /** How long keys fetched from the JWKS URL are kept when the endpoint gives no cache lifetime. */
    @WithDefault("10m")
    Duration jwksUrlCacheDuration();

    /** Keys are looked up again for an unknown kid at most this often (per source): junk tokens cost nothing. */
    @WithDefault("30s")
    Duration keyRefreshMinInterval();

    /**
     * A grant that verified is accepted again without checking its signature for this long (never past its
     * {@code exp}); a key removed from the JWK Set stops being honoured after at most this. {@code 0s} turns it off.
     */
    @WithDefault("60s")
    Duration verifiedCacheTtl();

    /**
     * Whether a grant must carry the header {@code typ: idv-grant+jwt} (RFC 8725 §3.11), so that no other kind of
     * JWT from the same issuer passes for a grant. A grant with another {@code typ} is refused whatever this says.
     */
    @WithDefault("true")
    boolean requireTyp();

    /**
     * Whether an ES256 grant must carry its signature in the low-S form (s at most n/2), the one canonical form of an
     * ECDSA signature. issue-grant and the sandbox mint only that form; an issuer whose library does not normalize
     * signatures either does, or sets this to {@code false} (both forms are then accepted, and remembered as one).
     */
    @WithDefault("true")
    boolean requireLowS();

    /** Secret reference to the private JWK issue-grant signs with (EC P-256 for ES256, RSA, or oct for HS256). */
    Optional<String> signingKey();

    /** Lifetime of a minted grant when the request names none. */
    @WithDefault("5m")
    Duration grantTtl();

    /**
     * What checks grant signatures. {@code bouncy-castle}: Bouncy Castle's provider, which verifies an ES256 grant
     * about three times faster once compiled (0.27 against 0.9 ms, fully compiled, measured here) but takes about 0.6 s
     * to load, paid by the first grant. {@code jdk}: the JDK's own, with nothing to load; the Lambda functions use
     * it, where each instance starts cold and runs compiled at C1 only ({@code -XX:TieredStopAtLevel=1}), at which
     * the two measured alike (1.2 against 1.3 ms).
     */
    @WithDefault("bouncy-castle")
    Signatures signatures();

    /** The access modes. */
    enum Mode { GRANT, OPEN }

    /** The implementations that can check grant signatures. */
    enum Signatures { BOUNCY_CASTLE, JDK }
}
