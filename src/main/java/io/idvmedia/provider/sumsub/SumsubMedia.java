package io.idvmedia.provider.sumsub;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.provider.IdFormat;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.MediaKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An applicant's images and videos from Sumsub's resources list, in the common shape: every item, deactivated ones
 * too (the declined attempts an investigator needs; their type says {@code ;deactivated}). Items whose id is not a
 * media id of Sumsub's form are left out: no call could name them. Pure.
 */
final class SumsubMedia {

    /** Sumsub's types as they are kept in a media item's type: letters, digits and {@code _} only. */
    private static final Pattern TOKEN = Pattern.compile("[A-Z0-9_]{1,40}");
    private static final Set<String> DOCUMENT_PAGES = Set.of("ID_CARD", "PASSPORT", "DRIVERS", "RESIDENCE_PERMIT");
    private static final Map<String, String> FILE_TYPES = Map.of("jpeg", "image/jpeg", "jpg", "image/jpeg",
            "png", "image/png", "pdf", "application/pdf", "heic", "image/heic", "mp4", "video/mp4",
            "webm", "video/webm", "mov", "video/quicktime");

    private final List<MediaItem> items;
    private final Set<String> ids;

    private SumsubMedia(List<MediaItem> items) {
        this.items = List.copyOf(items);
        this.ids = Set.copyOf(items.stream().map(MediaItem::id).toList());
    }

    static SumsubMedia of(JsonNode resources, IdFormat mediaIds) {
        List<MediaItem> items = new ArrayList<>();
        JsonNode list = resources.path("items");
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String id = item.path("id").asText(null);
            if (!mediaIds.matches(id)) {
                continue;
            }
            JsonNode definition = item.path("idDocDef");
            String docType = token(definition.path("idDocType").asText(""));
            String subType = token(definition.path("idDocSubType").asText(""));
            String providerType = (docType.isEmpty() ? "UNKNOWN" : docType) + (subType.isEmpty() ? "" : "/" + subType)
                    + (item.path("deactivated").asBoolean(false) ? ";deactivated" : "");
            JsonNode file = item.path("fileMetadata");
            String mimeType = FILE_TYPES.get(file.path("fileType").asText("").toLowerCase(Locale.ROOT));
            JsonNode fileSize = file.path("fileSize");
            Long size = fileSize.canConvertToLong() && fileSize.asLong() >= 0 ? fileSize.asLong() : null;
            items.add(new MediaItem(id, kind(docType, item.path("source").asText("")), providerType, mimeType, size,
                    "/items/" + i));
        }
        return new SumsubMedia(items);
    }

    /** The kind of an item, by its document type and where it came from. */
    static MediaKind kind(String docType, String source) {
        if ("nfc".equalsIgnoreCase(source)) {
            return MediaKind.NFC;
        }
        if (DOCUMENT_PAGES.contains(docType)) {
            return MediaKind.DOCUMENT_PAGE;
        }
        if (docType.startsWith("UTILITY_BILL")) {
            return MediaKind.SUPPLEMENTARY_DOCUMENT;
        }
        return switch (docType) {
            case "SELFIE" -> MediaKind.FACE_IMAGE;
            case "VIDEO_SELFIE" -> MediaKind.SELFIE_VIDEO;
            default -> MediaKind.OTHER;
        };
    }

    private static String token(String value) {
        return TOKEN.matcher(value).matches() ? value : "";
    }

    List<MediaItem> items() {
        return items;
    }

    boolean contains(String mediaId) {
        return ids.contains(mediaId);
    }
}
