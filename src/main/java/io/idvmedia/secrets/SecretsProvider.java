package io.idvmedia.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.NotConfiguredException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Resolves configured values that may be literals or secret references, caching each secret for a max age.
 * Callers {@link #invalidate} a reference when a provider says the credentials are wrong, so that a rotated
 * secret is picked up at once. Values are never logged or put in an exception message.
 */
@ApplicationScoped
public class SecretsProvider {

    private static final Logger LOG = Logger.getLogger(SecretsProvider.class);

    private final Map<SecretReference.Scheme, SecretSource> sources;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public SecretsProvider(SecretsConfig config, ObjectMapper json) {
        this(Map.of(
                SecretReference.Scheme.FILE, new FileSecretSource(),
                SecretReference.Scheme.ENV, new EnvSecretSource(System::getenv),
                SecretReference.Scheme.AWS_SECRETS_MANAGER,
                new AwsSecretsManagerSource(() -> secretsManager(config.aws()), json)),
                config.maxAge(), Clock.systemUTC());
    }

    SecretsProvider(Map<SecretReference.Scheme, SecretSource> sources, Duration maxAge, Clock clock) {
        this.sources = new EnumMap<>(sources);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The literal itself, or the current value of the secret it references. */
    public String resolve(String literalOrReference) {
        return SecretReference.isReference(literalOrReference) ? get(literalOrReference) : literalOrReference;
    }

    /** The value of a secret reference, read again once it is older than the max age. */
    public String get(String reference) {
        Instant now = clock.instant();
        Cached cached = cache.get(reference);
        if (cached != null && cached.loadedAt.plus(maxAge).isAfter(now)) {
            return cached.value;
        }
        String value = read(reference);
        cache.put(reference, new Cached(value, now));
        return value;
    }

    /** The secret's value from its store, not cached. */
    private String read(String reference) {
        SecretReference parsed;
        try {
            parsed = SecretReference.parse(reference);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Not a usable secret reference: %s", e.getMessage());
            throw new NotConfiguredException("A configured secret reference is malformed; the log names it");
        }
        try {
            return sources.get(parsed.scheme()).read(parsed);
        } catch (SecretUnavailableException e) {
            // The reference (never the value) goes to the log for the operator; the caller's problem omits it.
            LOG.warnf("Secret %s could not be read: %s", e.reference(), e.getMessage());
            throw e;
        }
    }

    /**
     * The values of a list setting of secrets (webhook secrets, tokens), each resolved; an empty list or a blank value
     * is refused, naming the setting and the entry's position, never a value: an empty key would make every check
     * with it fail obscurely, or pass.
     */
    public List<String> resolveAll(String setting, List<String> literalsOrReferences) {
        if (literalsOrReferences.isEmpty()) {
            throw new NotConfiguredException(setting + " is empty: give at least one secret");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < literalsOrReferences.size(); i++) {
            String value = resolve(literalsOrReferences.get(i));
            if (value == null || value.isBlank()) {
                throw new NotConfiguredException(setting + " holds a blank secret (entry " + (i + 1) + " of "
                        + literalsOrReferences.size() + ")");
            }
            values.add(value);
        }
        return values;
    }

    /** As {@link #checkAtStart(String, List, boolean, boolean)}: lenient with files not written yet, keeps nothing. */
    public void checkAtStart(String setting, List<String> literalsOrReferences) {
        checkAtStart(setting, literalsOrReferences, false, false);
    }

    /**
     * Checks at start-up that a setting's secrets can be read and are not blank, and that a list is not empty. Each
     * reference is read from its store (Secrets Manager included).
     *
     * @param strict whether a reference that cannot be read fails the check; when not, a file not written yet (a
     *     sandbox writes its demo secrets as it starts) is left to its first use
     * @param keep whether a value read is kept in the cache, as {@link #get} keeps it; when not, it is read again at
     *     its first use (a function snapshotted at init then holds none)
     * @throws IllegalStateException naming the setting and the entry, never a value, so that start-up fails
     */
    public void checkAtStart(String setting, List<String> literalsOrReferences, boolean strict, boolean keep) {
        if (literalsOrReferences.isEmpty()) {
            throw new IllegalStateException(setting + " is empty: give at least one secret");
        }
        for (int i = 0; i < literalsOrReferences.size(); i++) {
            String entry = literalsOrReferences.get(i);
            String value;
            try {
                value = readUncached(entry);
            } catch (SecretUnavailableException e) {
                boolean file = entry.startsWith(SecretReference.Scheme.FILE.prefix());
                if (!strict && file) {
                    continue;
                }
                throw new IllegalStateException(setting + ": entry " + (i + 1) + " of " + literalsOrReferences.size()
                        + " cannot be read (" + e.getMessage() + ")", e);
            } catch (NotConfiguredException e) {
                throw new IllegalStateException(setting + ": " + e.getMessage(), e);
            }
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(setting + " holds a blank secret (entry " + (i + 1) + " of "
                        + literalsOrReferences.size() + ")");
            }
            if (keep && SecretReference.isReference(entry)) {
                cache.putIfAbsent(entry, new Cached(value, clock.instant()));
            }
        }
    }

    /** The literal, or the secret's value read from its store now, leaving the cache as it was. */
    private String readUncached(String literalOrReference) {
        if (!SecretReference.isReference(literalOrReference)) {
            return literalOrReference;
        }
        Cached cached = cache.get(literalOrReference);
        return cached != null ? cached.value : read(literalOrReference);
    }

    /** Forgets a cached value so that the next {@link #get} reads the store again. Literals are ignored. */
    public void invalidate(String literalOrReference) {
        if (literalOrReference != null) {
            cache.remove(literalOrReference);
        }
    }

    private static SecretsManagerClient secretsManager(SecretsConfig.Aws aws) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create());
        aws.region().map(Region::of).ifPresent(builder::region);
        aws.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private record Cached(String value, Instant loadedAt) {
    }
}
