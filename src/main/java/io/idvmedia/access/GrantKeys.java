package io.idvmedia.access;

import io.idvmedia.error.IdvException;
import io.idvmedia.secrets.SecretsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.http.Get;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The keys grants are verified with: a JWK Set read through a secret reference ({@code idv.access.jwks}) and/or an
 * issuer's JWKS endpoint ({@code idv.access.jwks-url}). A key is chosen by the grant's {@code kid} and by the key
 * type its {@code alg} needs, so an HS256 grant can never be checked with an RSA public key. An unknown {@code kid}
 * makes each source look again (the secret re-read, the endpoint fetched), at most once per
 * {@code idv.access.key-refresh-min-interval}, so that a rotated key is picked up at once and junk tokens cost
 * nothing. Symmetric keys are taken from the secret only: a key published at a URL is public.
 */
@ApplicationScoped
public class GrantKeys {

    private static final int HMAC_MIN_BYTES = 32;
    private static final int JWKS_MAX_BYTES = 256 * 1024;

    private final AccessConfig config;
    private final SecretsProvider secrets;
    private final Clock clock;
    private final Optional<HttpsJwks> endpoint;
    private final AtomicReference<Parsed> secretKeys = new AtomicReference<>();
    private final AtomicReference<Instant> secretLookedAgain = new AtomicReference<>(Instant.EPOCH);
    private final AtomicReference<Instant> endpointLookedAgain = new AtomicReference<>(Instant.EPOCH);

    @Inject
    public GrantKeys(AccessConfig config, SecretsProvider secrets) {
        this(config, secrets, Clock.systemUTC());
    }

    GrantKeys(AccessConfig config, SecretsProvider secrets, Clock clock) {
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
        this.endpoint = config.jwksUrl().map(url -> endpoint(url, config.jwksUrlCacheDuration()));
    }

    /** Whether any source of keys is configured. */
    public boolean configured() {
        return configured(config);
    }

    /** Whether these settings name any source of keys (read without making the keys' sources). */
    static boolean configured(AccessConfig config) {
        return config.jwks().isPresent() || config.jwksUrl().isPresent();
    }

    /**
     * The key to verify this signature with.
     *
     * @throws UnresolvableKeyException when no source has a key of this kid for this algorithm
     * @throws IdvException (503) when a source cannot be read at all
     */
    Key resolve(JsonWebSignature jws) throws UnresolvableKeyException {
        Optional<String> reference = config.jwks();
        if (reference.isPresent()) {
            Optional<Key> key = select(jws, fromSecret(reference.get()));
            if (key.isEmpty() && mayLookAgain(secretLookedAgain)) {
                secrets.invalidate(reference.get());
                key = select(jws, fromSecret(reference.get()));
            }
            if (key.isPresent()) {
                return key.get();
            }
        }
        if (endpoint.isPresent()) {
            Optional<Key> key = select(jws, fromEndpoint(false));
            if (key.isEmpty() && mayLookAgain(endpointLookedAgain)) {
                key = select(jws, fromEndpoint(true));
            }
            if (key.isPresent()) {
                return key.get();
            }
        }
        throw new UnresolvableKeyException("No verification key matches the grant's kid and algorithm");
    }

    private List<JsonWebKey> fromSecret(String reference) {
        String value;
        try {
            value = secrets.get(reference);
        } catch (IdvException e) {
            throw AccessDeniedException.keysUnavailable("The grant verification keys (idv.access.jwks) could not be"
                    + " read", e);
        }
        Parsed parsed = secretKeys.get();
        if (parsed != null && parsed.source().equals(value)) {
            return parsed.keys();
        }
        try {
            List<JsonWebKey> keys = new JsonWebKeySet(value).getJsonWebKeys().stream()
                    .filter(GrantKeys::usableForVerification).toList();
            secretKeys.set(new Parsed(value, keys));
            return keys;
        } catch (JoseException | RuntimeException e) {
            throw AccessDeniedException.keysUnavailable("The grant verification keys (idv.access.jwks) are not a"
                    + " valid JWK Set", e);
        }
    }

    private List<JsonWebKey> fromEndpoint(boolean fetchAgain) {
        HttpsJwks jwks = endpoint.orElseThrow();
        try {
            if (fetchAgain) {
                jwks.refresh();
            }
            return jwks.getJsonWebKeys().stream()
                    .filter(k -> k instanceof PublicJsonWebKey && usableForVerification(k)).toList();
        } catch (IOException | JoseException | RuntimeException e) {
            throw AccessDeniedException.keysUnavailable("The issuer's keys (idv.access.jwks-url) could not be"
                    + " fetched", e);
        }
    }

    private static Optional<Key> select(JsonWebSignature jws, List<JsonWebKey> keys) {
        List<JsonWebKey> candidates;
        try {
            candidates = new VerificationJwkSelector().selectList(jws, keys);
        } catch (JoseException e) {
            return Optional.empty();
        }
        // Without a kid, only an unambiguous key is used; with one, kids are unique within a source.
        if (candidates == null || candidates.size() != 1) {
            return Optional.empty();
        }
        JsonWebKey jwk = candidates.get(0);
        return Optional.of(jwk instanceof PublicJsonWebKey pub ? pub.getPublicKey() : jwk.getKey());
    }

    private boolean mayLookAgain(AtomicReference<Instant> last) {
        Instant now = clock.instant();
        Instant previous = last.get();
        return previous.plus(config.keyRefreshMinInterval()).compareTo(now) <= 0 && last.compareAndSet(previous, now);
    }

    private static boolean usableForVerification(JsonWebKey key) {
        if (key.getUse() != null && !key.getUse().equals("sig")) {
            return false;
        }
        if (key instanceof OctetSequenceJsonWebKey oct) {
            return oct.getOctetSequence().length >= HMAC_MIN_BYTES;
        }
        return key instanceof PublicJsonWebKey;
    }

    private static HttpsJwks endpoint(URI url, Duration cacheDuration) {
        if (!"https".equalsIgnoreCase(url.getScheme()) && !isLoopback(url)) {
            throw new IllegalArgumentException("idv.access.jwks-url must be an https URL");
        }
        HttpsJwks jwks = new HttpsJwks(url.toString());
        Get get = new Get();
        get.setConnectTimeout(5000);
        get.setReadTimeout(5000);
        get.setResponseBodySizeLimit(JWKS_MAX_BYTES);
        jwks.setSimpleHttpGet(get);
        jwks.setDefaultCacheDuration(cacheDuration.toSeconds());
        // Our own rule decides when an unknown kid may fetch again (key-refresh-min-interval).
        jwks.setRefreshReprieveThreshold(0);
        return jwks;
    }

    private static boolean isLoopback(URI url) {
        try {
            return url.getHost() != null && InetAddress.getByName(url.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private record Parsed(String source, List<JsonWebKey> keys) {
    }
}
