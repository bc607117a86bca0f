package io.idvmedia.media;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The type a media body is served with. A provider's type is passed on only when a browser renders it passively
 * (images, video, audio, JSON, PDF, plain text, bytes); anything else, HTML, SVG and XML above all, which would run
 * on this API's origin, is served as {@code application/octet-stream} and as an attachment. Media responses also
 * carry {@link #SECURITY_HEADERS}: no sniffing, a sandboxing CSP, no referrer.
 */
public record ServedType(String contentType, boolean attachment) {

    public static final String OCTET_STREAM = "application/octet-stream";

    /** Headers for every response that carries media bytes. */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy", "sandbox; default-src 'none'",
            "Referrer-Policy", "no-referrer");

    private static final Set<String> PASSIVE = Set.of("application/json", OCTET_STREAM, "application/pdf",
            "application/zip", "text/plain", "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic",
            "image/heif", "image/avif", "image/bmp", "image/tiff");

    /**
     * The {@code Content-Disposition} a media answer carries: an attachment with the generated file name when the
     * caller asked for a download, a bare attachment when the type is one a browser would run, else none (inline).
     */
    public Optional<String> contentDisposition(Optional<String> downloadName) {
        if (downloadName.isPresent()) {
            return Optional.of("attachment; filename=\"" + downloadName.get() + "\"");
        }
        return attachment ? Optional.of("attachment") : Optional.empty();
    }

    /**
     * Every header of an answer that carries media bytes, but its length: the served type, no caching, the security
     * headers and the disposition.
     */
    public Map<String, String> headers(Optional<String> downloadName) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.putAll(SECURITY_HEADERS);
        contentDisposition(downloadName).ifPresent(value -> headers.put("Content-Disposition", value));
        return headers;
    }

    public static ServedType of(String providerType) {
        if (providerType == null || providerType.isBlank()) {
            return new ServedType(OCTET_STREAM, false);
        }
        String essence = providerType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean passive = PASSIVE.contains(essence)
                || (essence.startsWith("video/") || essence.startsWith("audio/")) && !essence.contains("xml");
        return passive ? new ServedType(providerType.strip(), false) : new ServedType(OCTET_STREAM, true);
    }
}
