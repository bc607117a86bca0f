package io.idvmedia.provider.onfido;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.provider.IdFormat;
import io.idvmedia.provider.MediaItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The media of a run's applicant, from Onfido's five lists, in the common shape, with the collection each id
 * belongs to (which download path it takes). Items whose id is not a UUID are left out: no call could name them.
 */
final class OnfidoMediaIndex {

    private final String applicantId;
    private final List<MediaItem> items;
    private final Map<String, OnfidoMediaType> types;

    private OnfidoMediaIndex(String applicantId, List<MediaItem> items, Map<String, OnfidoMediaType> types) {
        this.applicantId = applicantId;
        this.items = items;
        this.types = types;
    }

    static Builder forApplicant(String applicantId) {
        return new Builder(applicantId);
    }

    String applicantId() {
        return applicantId;
    }

    List<MediaItem> items() {
        return items;
    }

    /** The collection of one of this applicant's media; empty for a media that is not theirs. */
    Optional<OnfidoMediaType> typeOf(String mediaId) {
        return Optional.ofNullable(types.get(mediaId));
    }

    /** Collects the lists one after the other. */
    static final class Builder {
        private final String applicantId;
        private final List<MediaItem> items = new ArrayList<>();
        private final Map<String, OnfidoMediaType> types = new LinkedHashMap<>();

        private Builder(String applicantId) {
            this.applicantId = applicantId;
        }

        /** Adds one list answer, e.g. {@code {"documents": [...]}}. */
        Builder add(OnfidoMediaType type, JsonNode list) {
            JsonNode array = list.path(type.collection());
            for (int i = 0; i < array.size(); i++) {
                JsonNode media = array.get(i);
                String id = media.path("id").asText("");
                if (!IdFormat.UUID.matches(id)) {
                    continue;
                }
                String mediaId = id.toLowerCase(Locale.ROOT);
                JsonNode size = media.path("file_size");
                items.add(new MediaItem(mediaId, type.kind(), providerType(type, media),
                        mimeType(media.path("file_type").asText(null)),
                        size.canConvertToLong() && size.asLong() >= 0 ? size.asLong() : null,
                        "/" + type.collection() + "/" + i));
                types.put(mediaId, type);
            }
            return this;
        }

        OnfidoMediaIndex build() {
            return new OnfidoMediaIndex(applicantId, List.copyOf(items), Map.copyOf(types));
        }
    }

    /** The collection, with a document's type and side: e.g. {@code documents/passport/front}. */
    private static String providerType(OnfidoMediaType type, JsonNode media) {
        StringBuilder name = new StringBuilder(type.collection());
        for (String member : new String[] {"type", "side"}) {
            JsonNode value = media.path(member);
            if (value.isTextual() && !value.asText().isEmpty()) {
                name.append('/').append(value.asText());
            }
        }
        return name.toString();
    }

    /** Onfido's {@code file_type} is a content type or a file extension; an unknown extension tells nothing. */
    static String mimeType(String fileType) {
        if (fileType == null || fileType.isEmpty()) {
            return null;
        }
        if (fileType.contains("/")) {
            return fileType;
        }
        return switch (fileType.toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "pdf" -> "application/pdf";
            case "mp4" -> "video/mp4";
            case "webm" -> "video/webm";
            case "mov" -> "video/quicktime";
            default -> null;
        };
    }
}
