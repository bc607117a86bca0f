package io.idvmedia.provider;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One media item of a session, in one shape for every provider.
 *
 * @param id the provider's media id, usable with get-media
 * @param kind what it shows
 * @param providerType the provider's own type or context for it (e.g. Yoti {@code IMAGE}, Veriff
 *     {@code document-front})
 * @param mimeType the content type, where the provider tells it before download
 * @param size the size in bytes, where the provider tells it before download
 * @param source where in the provider's response it was found (a JSON pointer)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaItem(String id, MediaKind kind, String providerType, String mimeType, Long size, String source) {
}
