package io.idvmedia.provider;

import java.util.List;

/** list-media's answer: every media item of a session. */
public record MediaList(String provider, String sessionId, List<MediaItem> media) {
}
