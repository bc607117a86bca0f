package io.idvmedia.access;

import io.idvmedia.error.IdvException;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.provider.IdFormat;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.secrets.SecretsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * Mints grants for the business's own functions ({@code issue-grant}) and for the sandbox's demo flow: validates
 * the request as the verifier will, then signs with the private JWK at {@code idv.access.signing-key}; its algorithm
 * follows the key (EC P-256: ES256, the default kind; RSA: RS256; oct of at least 32 bytes: HS256) and its
 * {@code kid} goes into the header, so the verifier finds the public half in its JWK Set.
 */
@ApplicationScoped
public class GrantIssuer {

    private static final int MAX_SUBJECT_CHARS = 256;

    private final AccessConfig config;
    private final SecretsProvider secrets;
    private final ProviderRegistry providers;
    private final AuditLog audit;
    private final Clock clock;
    private final AtomicReference<SigningKey> parsed = new AtomicReference<>();

    @Inject
    public GrantIssuer(AccessConfig config, SecretsProvider secrets, ProviderRegistry providers, AuditLog audit) {
        this(config, secrets, providers, audit, Clock.systemUTC());
    }

    GrantIssuer(AccessConfig config, SecretsProvider secrets, ProviderRegistry providers, AuditLog audit,
            Clock clock) {
        this.audit = audit;
        this.config = config;
        this.secrets = secrets;
        this.providers = providers;
        this.clock = clock;
    }

    public IssuedGrant issue(GrantRequest request) {
        if (request == null) {
            throw new InvalidRequestException("A grant request is required: {provider, sessionIds, operations,"
                    + " subject, ttlSeconds}");
        }
        IdvProvider provider = providers.get(require("provider", request.provider()));
        Set<String> sessions = sessions(request.sessionIds(), provider.sessionIds());
        List<String> operations = operations(request.operations());
        String subject = require("subject", request.subject());
        if (subject.isBlank() || subject.length() > MAX_SUBJECT_CHARS) {
            throw new InvalidRequestException("subject must have 1 to " + MAX_SUBJECT_CHARS + " characters");
        }
        Duration ttl = ttl(request.ttlSeconds());
        String issuer = config.issuer().orElseThrow(() -> AccessDeniedException.notConfigured("No grant issuer is"
                + " configured: set idv.access.issuer (environment IDV_ACCESS_ISSUER)"));
        SigningKey key = signingKey();

        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expiresAt = now.plus(ttl);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(config.audience());
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        String jti = UUID.randomUUID().toString();
        claims.setJwtId(jti);
        claims.setStringClaim(Grant.PROVIDER_CLAIM, request.provider());
        claims.setStringListClaim(Grant.SESSIONS_CLAIM, new ArrayList<>(sessions));
        claims.setStringListClaim(Grant.OPERATIONS_CLAIM, operations);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.key());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setHeader("typ", GrantVerifier.TYPE);
        IssuedGrant issued;
        try {
            issued = new IssuedGrant(CompactGrant.withLowS(jws.getCompactSerialization(), key.algorithm()), expiresAt);
        } catch (JoseException e) {
            throw AccessDeniedException.notConfigured("The signing key (idv.access.signing-key) could not sign");
        }
        Set<OperationName> granted = EnumSet.noneOf(OperationName.class);
        operations.forEach(op -> OperationName.fromId(op).ifPresent(granted::add));
        audit.writeMinted(new Grant(subject, Optional.of(jti), request.provider(), sessions, granted, now,
                expiresAt));
        return issued;
    }

    private static String require(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(name + " is required");
        }
        return value;
    }

    private static Set<String> sessions(List<String> ids, IdFormat format) {
        if (ids == null || ids.isEmpty() || ids.size() > Grant.MAX_SESSIONS) {
            throw new InvalidRequestException("sessionIds must list 1 to " + Grant.MAX_SESSIONS + " session ids");
        }
        Set<String> sessions = new LinkedHashSet<>();
        for (String id : ids) {
            sessions.add(format.require("each of sessionIds", id));
        }
        return sessions;
    }

    private static List<String> operations(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidRequestException("operations must name at least one operation");
        }
        List<String> operations = new ArrayList<>();
        for (String name : names) {
            OperationName op = OperationName.fromId(name).orElseThrow(() -> new InvalidRequestException(
                    "operations may name " + OperationName.grantable()));
            if (!operations.contains(op.id())) {
                operations.add(op.id());
            }
        }
        return operations;
    }

    private Duration ttl(Long seconds) {
        if (seconds == null) {
            return config.grantTtl().compareTo(config.maxTtl()) <= 0 ? config.grantTtl() : config.maxTtl();
        }
        if (seconds < 1 || seconds > config.maxTtl().toSeconds()) {
            throw new InvalidRequestException("ttlSeconds must be between 1 and " + config.maxTtl().toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }

    private SigningKey signingKey() {
        String reference = config.signingKey().orElseThrow(() -> AccessDeniedException.notConfigured("No signing"
                + " key is configured: set idv.access.signing-key (environment IDV_ACCESS_SIGNING_KEY)"));
        String value;
        try {
            value = secrets.get(reference);
        } catch (IdvException e) {
            throw AccessDeniedException.keysUnavailable("The signing key (idv.access.signing-key) could not be"
                    + " read", e);
        }
        SigningKey current = parsed.get();
        if (current != null && current.source().equals(value)) {
            return current;
        }
        SigningKey key = parse(value);
        parsed.set(key);
        return key;
    }

    private static SigningKey parse(String value) {
        JsonWebKey jwk;
        try {
            jwk = JsonWebKey.Factory.newJwk(value);
        } catch (JoseException | RuntimeException e) {
            throw AccessDeniedException.notConfigured("The signing key (idv.access.signing-key) is not a JWK");
        }
        if (jwk.getKeyId() == null || jwk.getKeyId().isEmpty()) {
            throw AccessDeniedException.notConfigured("The signing key (idv.access.signing-key) has no kid, so"
                    + " verifiers could not choose its public half");
        }
        String algorithm;
        Key key;
        if (jwk instanceof EllipticCurveJsonWebKey ec && EllipticCurves.P_256.equals(ec.getCurveName())
                && ec.getPrivateKey() != null) {
            algorithm = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
            key = ec.getPrivateKey();
        } else if (jwk instanceof RsaJsonWebKey rsa && rsa.getPrivateKey() != null) {
            algorithm = AlgorithmIdentifiers.RSA_USING_SHA256;
            key = rsa.getPrivateKey();
        } else if (jwk instanceof OctetSequenceJsonWebKey oct && oct.getOctetSequence().length >= 32) {
            algorithm = AlgorithmIdentifiers.HMAC_SHA256;
            key = oct.getKey();
        } else {
            throw AccessDeniedException.notConfigured("The signing key (idv.access.signing-key) must be a private"
                    + " EC P-256 or RSA JWK, or an oct JWK of at least 32 bytes");
        }
        return new SigningKey(value, jwk.getKeyId(), algorithm, key);
    }

    private record SigningKey(String source, String kid, String algorithm, Key key) {
        @Override
        public String toString() {
            return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + "]";
        }
    }
}
