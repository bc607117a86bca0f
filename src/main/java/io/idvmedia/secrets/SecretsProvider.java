package io.idvmedia.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.NotConfiguredException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Resolves configured values that may be literals or secret references, caching each secret for a max age.
 * Callers {@link #invalidate} a reference when a provider says the credentials are wrong, so that a rotated
 * secret is picked up at once. Values are never logged or put in an exception message.
 *
 * <p>What is cached is the secret as its store holds it: the references {@code aws-secretsmanager:idv/yoti#sdkId}
 * and {@code aws-secretsmanager:idv/yoti#privateKey} are served by one read of {@code idv/yoti}, and invalidating
 * either reads the secret again for both (a rotation replaces the whole secret).
 */
@ApplicationScoped
public class SecretsProvider {

    private static final Logger LOG = Logger.getLogger(SecretsProvider.class);

    private final Map<SecretReference.Scheme, SecretSource> sources;
    private final Duration maxAge;
    private final Clock clock;
    private final ObjectMapper json;
    /** The secrets read, by their store and place ({@link #documentKey}), without a field. */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** The reads ahead still under way, by the same key: a use of one of those secrets waits for its read. */
    private final Map<String, CompletableFuture<String>> readingAhead = new ConcurrentHashMap<>();

    @Inject
    public SecretsProvider(SecretsConfig config, ObjectMapper json) {
        this(Map.of(
                SecretReference.Scheme.FILE, new FileSecretSource(),
                SecretReference.Scheme.ENV, new EnvSecretSource(System::getenv),
                SecretReference.Scheme.AWS_SECRETS_MANAGER,
                new AwsSecretsManagerSource(() -> SecretsManagerReader.configured(config.aws(), json))),
                config.maxAge(), Clock.systemUTC(), json);
    }

    SecretsProvider(Map<SecretReference.Scheme, SecretSource> sources, Duration maxAge, Clock clock,
            ObjectMapper json) {
        this.sources = new EnumMap<>(sources);
        this.maxAge = maxAge;
        this.clock = clock;
        this.json = json;
    }

    /** The literal itself, or the current value of the secret it references. */
    public String resolve(String literalOrReference) {
        return SecretReference.isReference(literalOrReference) ? get(literalOrReference) : literalOrReference;
    }

    /** The value of a secret reference, read again once it is older than the max age. */
    public String get(String reference) {
        SecretReference parsed = parse(reference);
        return field(parsed, document(parsed, true));
    }

    /**
     * The secret as its store holds it: from the cache while younger than the max age, else read now and, when
     * {@code keep} says so, cached (the other fields of the secret are then served by the same read).
     */
    private String document(SecretReference parsed, boolean keep) {
        Instant now = clock.instant();
        Cached cached = cache.get(documentKey(parsed));
        if (cached != null && cached.loadedAt.plus(maxAge).isAfter(now)) {
            return cached.value;
        }
        CompletableFuture<String> underWay = keep ? readingAhead.get(documentKey(parsed)) : null;
        if (underWay != null) {
            try {
                return underWay.join();
            } catch (CompletionException | CancellationException e) {
                // Read it again here, and say why it failed if it fails again.
            }
        }
        String document = read(parsed);
        if (keep) {
            cache.put(documentKey(parsed), new Cached(document, now));
        }
        return document;
    }

    private static SecretReference parse(String reference) {
        try {
            return SecretReference.parse(reference);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Not a usable secret reference: %s", e.getMessage());
            throw new NotConfiguredException("A configured secret reference is malformed; the log names it");
        }
    }

    /** The secret as its store holds it, read now. */
    private String read(SecretReference parsed) {
        try {
            return sources.get(parsed.scheme()).read(parsed);
        } catch (SecretUnavailableException e) {
            throw logged(e);
        }
    }

    /** The reference (never the value) goes to the log for the operator; the caller's problem omits it. */
    private static SecretUnavailableException logged(SecretUnavailableException e) {
        LOG.warnf("Secret %s could not be read: %s", e.reference(), e.getMessage());
        return e;
    }

    /** The reference's {@code #field} of a JSON secret, or the whole secret when it names none. */
    private String field(SecretReference parsed, String document) {
        if (parsed.jsonField().isEmpty()) {
            return document;
        }
        String name = parsed.jsonField().get();
        JsonNode node;
        try {
            node = json.readTree(document);
        } catch (IOException e) {
            // The parser's message would quote the secret.
            throw logged(new SecretUnavailableException(parsed, "the value is not a JSON object", null));
        }
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull()) {
            throw logged(new SecretUnavailableException(parsed, "the JSON value has no field '" + name + "'", null));
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /** The cache's key: the store and the place, without a field. */
    private static String documentKey(SecretReference parsed) {
        return parsed.scheme().prefix() + parsed.location();
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
                value = readForCheck(entry, keep);
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
        }
    }

    /**
     * Reads the Secrets Manager secrets these entries name (each secret once, whatever its fields) at the same time,
     * one thread each, and caches them: the checks that follow are then served from the cache, and a cold start waits
     * for one round trip instead of one per secret. A secret that cannot be read is left to the check that follows,
     * which reads it again and says why.
     */
    public void readAhead(Collection<String> literalsOrReferences) {
        Map<String, SecretReference> documents = notCached(literalsOrReferences);
        if (documents.size() < 2) {
            return;
        }
        for (CompletableFuture<String> read : startReading(documents)) {
            try {
                read.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // Left to the check that follows.
            }
        }
    }

    /**
     * As {@link #readAhead}, but returns at once: the secrets are read and cached beside whatever runs next, and a use
     * of one of them meanwhile waits for its read instead of reading it again. A function restored from a SnapStart
     * snapshot, which holds no secret, starts its reads this way, so that its first event waits for the round trips
     * of the secrets it needs at most, and for all of them at once.
     */
    public void readAheadInBackground(Collection<String> literalsOrReferences) {
        startReading(notCached(literalsOrReferences));
    }

    /** The Secrets Manager secrets these entries name that are neither cached nor being read, by their keys. */
    private Map<String, SecretReference> notCached(Collection<String> literalsOrReferences) {
        Map<String, SecretReference> documents = new LinkedHashMap<>();
        for (String entry : literalsOrReferences) {
            if (!SecretReference.isReference(entry)) {
                continue;
            }
            try {
                SecretReference parsed = SecretReference.parse(entry);
                String key = documentKey(parsed);
                if (parsed.scheme() == SecretReference.Scheme.AWS_SECRETS_MANAGER && !cache.containsKey(key)
                        && !readingAhead.containsKey(key)) {
                    documents.putIfAbsent(key, parsed);
                }
            } catch (IllegalArgumentException e) {
                // The check or the use that follows reports it.
            }
        }
        return documents;
    }

    /** Starts one thread per secret, which reads it, caches it and then completes its future. */
    private List<CompletableFuture<String>> startReading(Map<String, SecretReference> documents) {
        List<CompletableFuture<String>> reads = new ArrayList<>();
        documents.forEach((key, parsed) -> {
            CompletableFuture<String> read = new CompletableFuture<>();
            if (readingAhead.putIfAbsent(key, read) != null) {
                return;
            }
            Thread reader = new Thread(() -> {
                try {
                    Instant now = clock.instant();
                    String document = read(parsed);
                    cache.put(key, new Cached(document, now));
                    read.complete(document);
                } catch (RuntimeException e) {
                    read.completeExceptionally(e);
                } finally {
                    // Whatever ended the read, no use waits for it past here.
                    read.cancel(false);
                    readingAhead.remove(key, read);
                }
            }, "idv-secret-read");
            reader.setDaemon(true);
            reader.start();
            reads.add(read);
        });
        return reads;
    }

    /**
     * Drops what the stores' sources made to read (their clients and the AWS credentials those resolved): before a
     * SnapStart snapshot, so that a restored instance reads with the credentials Lambda gives it then, never with the
     * init's.
     */
    public void forgetReaders() {
        sources.values().forEach(SecretSource::forget);
    }

    /** The literal, or the secret's value ({@link #document}, kept when {@code keep} says so). */
    private String readForCheck(String literalOrReference, boolean keep) {
        if (!SecretReference.isReference(literalOrReference)) {
            return literalOrReference;
        }
        SecretReference parsed = parse(literalOrReference);
        return field(parsed, document(parsed, keep));
    }

    /**
     * Forgets a cached secret so that the next {@link #get} reads the store again (for every field of it).
     * Literals are ignored.
     */
    public void invalidate(String literalOrReference) {
        if (SecretReference.isReference(literalOrReference)) {
            try {
                cache.remove(documentKey(SecretReference.parse(literalOrReference)));
            } catch (IllegalArgumentException e) {
                // A malformed reference was never cached.
            }
        }
    }

    private record Cached(String value, Instant loadedAt) {
    }
}
