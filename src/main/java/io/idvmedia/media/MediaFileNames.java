package io.idvmedia.media;

import io.idvmedia.provider.MediaKind;
import java.util.Locale;
import java.util.Map;

/**
 * Safe download file names, built from the media kind, the validated media id and the content type's extension
 * only, never from provider data such as file names.
 */
public final class MediaFileNames {

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/webp", "webp"),
            Map.entry("image/heic", "heic"), Map.entry("application/pdf", "pdf"),
            Map.entry("application/json", "json"), Map.entry("application/zip", "zip"),
            Map.entry("video/mp4", "mp4"), Map.entry("video/webm", "webm"),
            Map.entry("video/quicktime", "mov"), Map.entry("application/octet-stream", "bin"));

    private MediaFileNames() {
    }

    /** The download name of a staged copy: a media's as {@link #of(MediaKind, String, String)}, or an export's. */
    public static String of(StagedKey key, StagedMedia media) {
        return key.isExport() ? export(key.provider(), key.sessionId())
                : of(media.kind(), key.mediaId(), media.contentType());
    }

    /** {@code <provider>-<sessionId>.zip}: a session's export (the provider's name and a checked id). */
    public static String export(String provider, String sessionId) {
        return provider + "-" + sessionId.replaceAll("[^0-9A-Za-z_-]", "") + ".zip";
    }

    /** {@code <kind>-<mediaId>.<extension>}; the kind is {@code media} when unknown. */
    public static String of(MediaKind kind, String mediaId, String contentType) {
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String id = mediaId.replaceAll("[^0-9A-Za-z_-]", "");
        return (kind == null ? "media" : kind.wire()) + "-" + id + "." + EXTENSIONS.getOrDefault(bare, "bin");
    }
}
