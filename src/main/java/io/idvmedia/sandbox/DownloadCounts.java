package io.idvmedia.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How often a sandbox served each media item since start (or the last reset): what tests count provider traffic by. */
final class DownloadCounts {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    void count(String mediaId) {
        counts.computeIfAbsent(mediaId, k -> new AtomicInteger()).incrementAndGet();
    }

    int of(String mediaId) {
        AtomicInteger count = counts.get(mediaId);
        return count == null ? 0 : count.get();
    }

    void clear() {
        counts.clear();
    }
}
