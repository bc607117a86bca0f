package io.idvmedia.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** A small cache whose entries live for a fixed time; bounded by dropping everything when it grows too large. */
public final class TimedCache<V> {

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    public TimedCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The live value for the key, or a fresh one from the loader (not cached when the loader throws). */
    public V get(String key, Supplier<V> loader) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.expiresAt.isAfter(now)) {
            return entry.value;
        }
        V value = loader.get();
        if (!ttl.isZero() && !ttl.isNegative()) {
            if (entries.size() >= maxEntries) {
                entries.values().removeIf(e -> !e.expiresAt.isAfter(now));
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
            }
            entries.put(key, new Entry<>(value, now.plus(ttl)));
        }
        return value;
    }

    public void invalidate(String key) {
        entries.remove(key);
    }

    private record Entry<V>(V value, Instant expiresAt) {
    }
}
