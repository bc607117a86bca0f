package io.idvmedia.lifecycle;

import io.idvmedia.access.CompactGrant;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.secrets.SecretsProvider;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * Signs erasure receipts (compact JWS, ES256) with the private JWK at {@code idv.receipts.signing-key}, and publishes
 * its public half as a JWK Set, so that a receipt verifies offline with any JOSE library. A key that is missing or
 * unusable signs nothing: the delete still happens and its answer says why its receipt is unsigned.
 */
@ApplicationScoped
public class ReceiptSigner {

    /** The {@code typ} header of a receipt, so that no other JWS of the same key passes for one. */
    public static final String TYPE = "idv-erasure-receipt+jws";
    private static final Logger LOG = Logger.getLogger(ReceiptSigner.class);
    /** The functions that delete (and so sign); every other function has no use for the key. */
    private static final Set<String> ERASING = Set.of("delete-session", "delete-media", "purge-expired");

    private final ReceiptsConfig config;
    private final SecretsProvider secrets;
    private final AtomicReference<Key> parsed = new AtomicReference<>();

    @Inject
    public ReceiptSigner(ReceiptsConfig config, SecretsProvider secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    /** Warns at start-up, where deletes run, that their receipts will be unsigned (without making this bean). */
    static void announce(@Observes StartupEvent started, ReceiptsConfig config) {
        boolean lambda = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
        String handler = ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.handler", String.class)
                .orElse("");
        if (config.signingKey().isEmpty() && (!lambda || ERASING.contains(handler))) {
            LOG.warn("No idv.receipts.signing-key is configured: deletes still happen and keep their receipts, but"
                    + " unsigned (each delete's answer says so). Set it to a private EC P-256 JWK with a kid.");
        }
    }

    /** A signed receipt, or why none could be signed. */
    public record Signed(Optional<String> jws, Optional<String> unsigned) {
    }

    /** Signs a receipt's payload (its JSON). */
    public Signed sign(byte[] payload) {
        Key key;
        try {
            key = key();
        } catch (IdvException e) {
            LOG.warnf("An erasure receipt is kept unsigned: %s", e.getMessage());
            return new Signed(Optional.empty(), Optional.of(e.getMessage()));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayloadBytes(payload);
        jws.setKey(key.jwk().getPrivateKey());
        jws.setKeyIdHeaderValue(key.jwk().getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", TYPE);
        try {
            return new Signed(Optional.of(CompactGrant.withLowS(jws.getCompactSerialization(),
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)), Optional.empty());
        } catch (JoseException e) {
            LOG.warn("An erasure receipt is kept unsigned: the signing key (idv.receipts.signing-key) could not sign");
            return new Signed(Optional.empty(), Optional.of("The receipt signing key (idv.receipts.signing-key) could"
                    + " not sign"));
        }
    }

    /**
     * The public JWK Set receipts verify with: {@code {"keys": [...]}}, the current key's public half first, then the
     * retired keys' ({@code idv.receipts.retired-keys}); empty when none is configured.
     */
    public String jwks() {
        List<JsonWebKey> keys = new ArrayList<>();
        Optional<String> current = Optional.empty();
        if (config.signingKey().isPresent()) {
            EllipticCurveJsonWebKey jwk = key().jwk();
            keys.add(jwk);
            current = Optional.of(jwk.getKeyId());
        }
        for (JsonWebKey retired : retiredKeys()) {
            if (!current.equals(Optional.of(retired.getKeyId()))) {
                keys.add(retired);
            }
        }
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private List<JsonWebKey> retiredKeys() {
        if (config.retiredKeys().isEmpty()) {
            return List.of();
        }
        String value;
        try {
            value = secrets.resolve(config.retiredKeys().get());
        } catch (IdvException e) {
            throw new IdvException(ProblemType.ACCESS_KEYS_UNAVAILABLE, "The retired receipt keys"
                    + " (idv.receipts.retired-keys) could not be read", e);
        }
        List<JsonWebKey> keys;
        try {
            keys = new JsonWebKeySet(value).getJsonWebKeys();
        } catch (JoseException | RuntimeException e) {
            throw retiredUnusable("is not a JWK Set");
        }
        for (JsonWebKey key : keys) {
            if (key.getKeyId() == null || key.getKeyId().isEmpty()) {
                throw retiredUnusable("holds a key without a kid");
            }
            if (!(key instanceof PublicJsonWebKey pub) || pub.getPrivateKey() != null) {
                throw retiredUnusable("must hold public EC or RSA keys only");
            }
        }
        return keys;
    }

    private static IdvException retiredUnusable(String why) {
        return new IdvException(ProblemType.ACCESS_NOT_CONFIGURED, "The retired receipt keys"
                + " (idv.receipts.retired-keys) " + why);
    }

    private Key key() {
        String reference = config.signingKey().orElseThrow(() -> new IdvException(
                ProblemType.ACCESS_NOT_CONFIGURED, "No receipt signing key is configured"
                        + " (idv.receipts.signing-key)"));
        String value;
        try {
            value = secrets.get(reference);
        } catch (IdvException e) {
            throw new IdvException(ProblemType.ACCESS_KEYS_UNAVAILABLE, "The receipt signing key"
                    + " (idv.receipts.signing-key) could not be read", e);
        }
        Key current = parsed.get();
        if (current != null && current.source().equals(value)) {
            return current;
        }
        Key key = new Key(value, parse(value));
        parsed.set(key);
        return key;
    }

    private static EllipticCurveJsonWebKey parse(String value) {
        PublicJsonWebKey jwk;
        try {
            jwk = PublicJsonWebKey.Factory.newPublicJwk(value);
        } catch (JoseException | RuntimeException e) {
            throw unusable("is not a JWK");
        }
        if (!(jwk instanceof EllipticCurveJsonWebKey ec) || !EllipticCurves.P_256.equals(ec.getCurveName())
                || ec.getPrivateKey() == null) {
            throw unusable("must be a private EC P-256 JWK");
        }
        if (ec.getKeyId() == null || ec.getKeyId().isEmpty()) {
            throw unusable("has no kid, so verifiers could not choose its public half");
        }
        return ec;
    }

    private static IdvException unusable(String why) {
        return new IdvException(ProblemType.ACCESS_NOT_CONFIGURED, "The receipt signing key"
                + " (idv.receipts.signing-key) " + why);
    }

    private record Key(String source, EllipticCurveJsonWebKey jwk) {
        @Override
        public String toString() {
            return "Key[kid=" + jwk.getKeyId() + "]";
        }
    }
}
