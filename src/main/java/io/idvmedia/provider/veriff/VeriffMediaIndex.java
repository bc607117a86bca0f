package io.idvmedia.provider.veriff;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.MediaKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every media item of a Veriff media list: {@code images}, {@code videos}, {@code nfcDocuments}, and any other
 * array of objects with an {@code id} that Veriff may add (listed as {@code other}). {@code size} is read whether
 * it arrives as a number or a string. Pure: JSON in, list out.
 */
public final class VeriffMediaIndex {

    private VeriffMediaIndex() {
    }

    public static List<MediaItem> of(JsonNode list) {
        List<MediaItem> items = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = list.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isArray()) {
                continue;
            }
            JsonNode array = field.getValue();
            for (int i = 0; i < array.size(); i++) {
                JsonNode media = array.get(i);
                if (!media.path("id").isTextual()) {
                    continue;
                }
                String context = text(media, "context");
                if (context == null) {
                    context = text(media, "name");
                }
                items.add(new MediaItem(media.get("id").asText(), kind(field.getKey(), context), context,
                        text(media, "mimetype"), number(media.get("size")), "/" + field.getKey() + "/" + i));
            }
        }
        return items;
    }

    static MediaKind kind(String container, String context) {
        String c = context == null ? "" : context;
        return switch (container) {
            case "nfcDocuments" -> MediaKind.NFC;
            case "videos" -> c.contains("face") || c.contains("selfid") ? MediaKind.SELFIE_VIDEO : MediaKind.OTHER;
            case "images" -> {
                if (c.equals("document-front-face-cropped")) {
                    yield MediaKind.DOCUMENT_ID_PHOTO;
                }
                if (c.startsWith("document-")) {
                    yield MediaKind.DOCUMENT_PAGE;
                }
                if (c.startsWith("address-")) {
                    yield MediaKind.SUPPLEMENTARY_DOCUMENT;
                }
                yield c.contains("face") ? MediaKind.FACE_IMAGE : MediaKind.OTHER;
            }
            default -> MediaKind.OTHER;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** A number sent as a JSON number or as a string; anything else is unknown. */
    static Long number(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return (long) value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return (long) Double.parseDouble(value.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
