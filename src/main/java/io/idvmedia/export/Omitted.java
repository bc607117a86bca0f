package io.idvmedia.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.idvmedia.provider.MediaItem;

/**
 * A media item the session lists that an export has no file for, as its {@code manifest.json} says.
 *
 * @param mediaId the media item
 * @param kind what it shows, when the provider says
 * @param providerType the provider's own type for it
 * @param reason {@value #NO_CONTENT} (the provider answered that it has no content) or {@value #NOT_FOUND} (the
 *     provider no longer has it, e.g. deleted since the session listed it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Omitted(String mediaId, String kind, String providerType, String reason) {

    public static final String NO_CONTENT = "no-content";
    public static final String NOT_FOUND = "not-found";

    static Omitted of(MediaItem item, String reason) {
        return new Omitted(item.id(), item.kind() == null ? null : item.kind().wire(), item.providerType(), reason);
    }
}
