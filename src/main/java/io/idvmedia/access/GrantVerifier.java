package io.idvmedia.access;

import io.idvmedia.provider.IdFormat;
import io.idvmedia.provider.TimedCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies a grant (a compact JWS) with jose4j: RS256, ES256 or HS256 only, a key chosen by {@code kid} and
 * algorithm, then {@code iss}, {@code aud}, {@code sub}, {@code iat} and {@code exp} with the allowed clock skew,
 * a lifetime no longer than {@code idv.access.max-ttl}, and the grant's own claims. Every failure is a 401 whose
 * detail names the check that failed, never the token.
 *
 * <p>Signatures are checked by {@code idv.access.signatures}: Bouncy Castle's provider on the server (already on the
 * class path for PEM keys, its ECDSA verifies about three times faster than the JDK 17 one once compiled), the
 * JDK's in the Lambda functions (nothing to load on a cold start; see {@link AccessConfig#signatures()}). A grant must
 * be in its one canonical form ({@link CompactGrant}) and typed {@code idv-grant+jwt}. A grant that verified is
 * remembered, by the SHA-256 of its decoded signing input and signature, for {@code idv.access.verified-cache-ttl}
 * (and never past its {@code exp}), since a frontend sends the same grant with every request of a page.
 */
@ApplicationScoped
public class GrantVerifier {

    static final int MAX_TOKEN_CHARS = 8192;
    /** The {@code typ} header of a grant (RFC 8725 §3.11: explicit typing). */
    public static final String TYPE = "idv-grant+jwt";
    private static final int MAX_ID_CHARS = 256;
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.HMAC_SHA256);

    /** A fixed public key and a JWS it verifies, for {@link #prime()} only; no grant is ever checked with it. */
    private static final String PRIMING_KEY = "{\"kty\":\"EC\",\"kid\":\"priming\",\"crv\":\"P-256\","
            + "\"x\":\"RyDcGtAkTxHOIv2870sf6G2FPlUQHBbHHbL3t7gS5WQ\","
            + "\"y\":\"bcBU-PUjCRIxMU1NdEgQw6007fR3uLvzrD_F50BIVVk\"}";
    private static final String PRIMING_GRANT = "eyJhbGciOiJFUzI1NiIsImtpZCI6InByaW1pbmcifQ.eyJzdWIiOiJwcmltaW5nIn0."
            + "3EtZ7KoSbtKbHmKyx9bq0wuDLieWLinAC1q9I0iBGDDokZ2P2d7uaRyNlNnNTJvQxhLB9NhCJnH93ysoXGhfnA";
    private static final int CACHED_GRANTS = 4096;

    private final AccessConfig config;
    private final GrantKeys keys;
    private final Clock clock;
    private final TimedCache<Grant> verified;
    private final ProviderContext signatures;

    @Inject
    public GrantVerifier(AccessConfig config, GrantKeys keys) {
        this(config, keys, Clock.systemUTC());
    }

    GrantVerifier(AccessConfig config, GrantKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
        this.verified = new TimedCache<>(config.verifiedCacheTtl(), CACHED_GRANTS, clock);
        this.signatures = config.signatures() == AccessConfig.Signatures.BOUNCY_CASTLE
                ? bouncyCastle() : new ProviderContext();
    }

    /**
     * Runs one ES256 verification of a fixed vector through the same JOSE library and signature provider as every
     * grant, so that a snapshot taken before the first request has them loaded and compiled. Reads no key, no
     * secret and no cache; keeps nothing.
     *
     * @return whether the vector verified (it always does, unless the providers are broken)
     */
    public boolean prime() {
        try {
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(ALGORITHMS)
                    .setJwsProviderContext(signatures)
                    .setVerificationKey(PublicJsonWebKey.Factory.newPublicJwk(PRIMING_KEY).getKey())
                    .setSkipDefaultAudienceValidation()
                    .setRequireSubject()
                    .build();
            return "priming".equals(consumer.processToClaims(PRIMING_GRANT).getSubject());
        } catch (JoseException | InvalidJwtException | MalformedClaimException e) {
            return false;
        }
    }

    /** The verified grant; an {@link AccessDeniedException} (401) naming the failed check otherwise. */
    public Grant verify(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw AccessDeniedException.invalid("malformed", "The grant is longer than " + MAX_TOKEN_CHARS
                    + " characters");
        }
        CompactGrant compact = CompactGrant.parse(token);
        String key = compact.digest();
        Grant grant = verified.get(key, () -> verifyUncached(token, compact));
        if (!grant.expiresAt().plus(config.clockSkew()).isAfter(clock.instant())) {
            verified.invalidate(key);
            throw AccessDeniedException.invalid("expired", "The grant has expired");
        }
        return grant;
    }

    private Grant verifyUncached(String token, CompactGrant compact) {
        String issuer = config.issuer().orElseThrow(() -> AccessDeniedException.notConfigured("No grant issuer is"
                + " configured: set idv.access.issuer (environment IDV_ACCESS_ISSUER)"));
        if (token.length() > MAX_TOKEN_CHARS) {
            throw AccessDeniedException.invalid("malformed", "The grant is longer than " + MAX_TOKEN_CHARS
                    + " characters");
        }
        int skew = (int) config.clockSkew().toSeconds();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(ALGORITHMS)
                .setJwsProviderContext(signatures)
                .setJweAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT))
                .setVerificationKeyResolver((jws, nesting) -> keys.resolve(jws))
                .setExpectedIssuer(issuer)
                .setExpectedAudience(config.audience())
                .setExpectedType(config.requireTyp(), TYPE)
                .setRequireSubject()
                .setRequireIssuedAt()
                .setRequireExpirationTime()
                .setIssuedAtRestrictions(skew, Integer.MAX_VALUE)
                .setAllowedClockSkewInSeconds(skew)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .build();
        JwtClaims claims;
        try {
            JwtContext context = consumer.process(token);
            if (config.requireLowS()) {
                compact.requireLowS(context.getJoseObjects().get(0).getAlgorithmHeaderValue());
            }
            claims = context.getJwtClaims();
        } catch (InvalidJwtException e) {
            throw rejection(e);
        }
        try {
            return grant(claims);
        } catch (MalformedClaimException e) {
            throw AccessDeniedException.invalid("claims", "A claim of the grant has the wrong type", e);
        }
    }

    private Grant grant(JwtClaims claims) throws MalformedClaimException {
        Instant issuedAt = Instant.ofEpochSecond(claims.getIssuedAt().getValue());
        Instant expiresAt = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        if (lifetime.compareTo(config.maxTtl()) > 0) {
            throw AccessDeniedException.invalid("overlong", "The grant lives longer (exp - iat) than the "
                    + config.maxTtl().toSeconds() + " s allowed");
        }
        String subject = claims.getSubject();
        if (subject.isBlank() || subject.length() > MAX_ID_CHARS) {
            throw AccessDeniedException.invalid("claims", "The grant's sub must have 1 to " + MAX_ID_CHARS
                    + " characters");
        }
        Optional<String> jti = Optional.ofNullable(claims.getJwtId());
        if (jti.isPresent() && (jti.get().isEmpty() || jti.get().length() > MAX_ID_CHARS)) {
            throw AccessDeniedException.invalid("claims", "The grant's jti must have 1 to " + MAX_ID_CHARS
                    + " characters");
        }
        String provider = claims.getStringClaimValue(Grant.PROVIDER_CLAIM);
        if (provider == null || provider.isEmpty()) {
            throw AccessDeniedException.invalid("claims", "The grant has no " + Grant.PROVIDER_CLAIM);
        }
        List<String> sessionIds = claims.getStringListClaimValue(Grant.SESSIONS_CLAIM);
        if (sessionIds == null || sessionIds.isEmpty() || sessionIds.size() > Grant.MAX_SESSIONS) {
            throw AccessDeniedException.invalid("claims", "The grant's " + Grant.SESSIONS_CLAIM + " must list 1 to "
                    + Grant.MAX_SESSIONS + " session ids");
        }
        Set<String> sessions = new LinkedHashSet<>();
        for (String id : sessionIds) {
            if (!IdFormat.ANY.matches(id)) {
                throw AccessDeniedException.invalid("claims", "The grant's " + Grant.SESSIONS_CLAIM
                        + " must hold session ids only (" + IdFormat.ANY.description() + ")");
            }
            sessions.add(id);
        }
        List<String> opNames = claims.getStringListClaimValue(Grant.OPERATIONS_CLAIM);
        if (opNames == null || opNames.isEmpty()) {
            throw AccessDeniedException.invalid("claims", "The grant has no " + Grant.OPERATIONS_CLAIM);
        }
        Set<OperationName> operations = EnumSet.noneOf(OperationName.class);
        for (String name : opNames) {
            operations.add(OperationName.fromId(name).orElseThrow(() -> AccessDeniedException.invalid("claims",
                    "The grant's " + Grant.OPERATIONS_CLAIM + " names an operation these functions do not have")));
        }
        return new Grant(subject, jti, provider, Set.copyOf(sessions), Set.copyOf(operations), issuedAt, expiresAt);
    }

    private static AccessDeniedException rejection(InvalidJwtException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException keysFailed) {
                return keysFailed;
            }
        }
        if (has(e, UnresolvableKeyException.class)) {
            return AccessDeniedException.invalid("unknown-key", "No trusted key matches the grant's kid and"
                    + " algorithm", e);
        }
        if (has(e, InvalidAlgorithmException.class)) {
            return AccessDeniedException.invalid("algorithm", "The grant's algorithm is not allowed (RS256, ES256"
                    + " and HS256 are)", e);
        }
        if (e.hasExpired()) {
            return AccessDeniedException.invalid("expired", "The grant has expired", e);
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return AccessDeniedException.invalid("signature", "The grant's signature does not verify", e);
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return AccessDeniedException.invalid("algorithm", "The grant is not signed", e);
        }
        if (e.hasErrorCode(ErrorCodes.TYPE_INVALID) || e.hasErrorCode(ErrorCodes.TYPE_MISSING)) {
            return AccessDeniedException.invalid("type", "The grant's typ header is not " + TYPE + ": another kind"
                    + " of token is never a grant", e);
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return AccessDeniedException.invalid("issuer", "The grant's issuer (iss) is not the one trusted", e);
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return AccessDeniedException.invalid("audience", "The grant's audience (aud) does not name these"
                    + " functions", e);
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return AccessDeniedException.invalid("issued-in-future", "The grant is issued in the future (iat)", e);
        }
        if (e.hasErrorCode(ErrorCodes.SUBJECT_MISSING) || e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)
                || e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return AccessDeniedException.invalid("claims", "The grant lacks a required claim (sub, iat and exp are"
                    + " required)", e);
        }
        if (e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM)) {
            return AccessDeniedException.invalid("claims", "A claim of the grant has the wrong type", e);
        }
        return AccessDeniedException.invalid("malformed", "The grant is not a well-formed compact JWS", e);
    }

    private static ProviderContext bouncyCastle() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            // Appended last: used only where it is named, as here, never in place of the JDK's own providers.
            Security.addProvider(new BouncyCastleProvider());
        }
        ProviderContext context = new ProviderContext();
        context.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        return context;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
