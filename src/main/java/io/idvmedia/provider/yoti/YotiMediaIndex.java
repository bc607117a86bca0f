package io.idvmedia.provider.yoti;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.MediaKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every media pointer in a Yoti session, found by walking the whole JSON rather than the known containers: an
 * object under a {@code media} key, or an element of a {@code generated_media} array, that has an {@code id}.
 * So media of resource, task, check and liveness types that this code has never heard of are still listed; the
 * kind is then {@code other}. Pure: JSON in, list out.
 */
public final class YotiMediaIndex {

    private YotiMediaIndex() {
    }

    public static List<MediaItem> of(JsonNode session) {
        Map<String, MediaItem> found = new LinkedHashMap<>();
        walk(session, "", false, found);
        return new ArrayList<>(found.values());
    }

    private static void walk(JsonNode node, String pointer, boolean mediaSlot, Map<String, MediaItem> found) {
        if (node.isObject()) {
            if (mediaSlot && node.path("id").isTextual()) {
                String id = node.get("id").asText();
                String type = node.path("type").isTextual() ? node.get("type").asText() : null;
                found.putIfAbsent(id, new MediaItem(id, kind(pointer, type), type, mimeType(type), null, pointer));
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                JsonNode value = field.getValue();
                if (name.equals("generated_media") && value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        walk(value.get(i), child + "/" + i, true, found);
                    }
                } else {
                    walk(value, child, name.equals("media"), found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, false, found);
            }
        }
    }

    /** The kind follows from where the pointer sits; the media type settles what the place alone cannot. */
    static MediaKind kind(String pointer, String type) {
        if (pointer.contains("/generated_media/")) {
            return "JSON".equals(type) ? MediaKind.GENERATED_JSON : MediaKind.OTHER;
        }
        if (pointer.startsWith("/resources/id_documents/")) {
            if (pointer.contains("/document_fields/")) {
                return MediaKind.DOCUMENT_FIELDS;
            }
            if (pointer.contains("/document_id_photo/")) {
                return MediaKind.DOCUMENT_ID_PHOTO;
            }
            if (pointer.contains("/pages/") || pointer.contains("/file/")) {
                return MediaKind.DOCUMENT_PAGE;
            }
            return MediaKind.OTHER;
        }
        if (pointer.startsWith("/resources/supplementary_documents/")) {
            return pointer.contains("/document_fields/") ? MediaKind.DOCUMENT_FIELDS : MediaKind.SUPPLEMENTARY_DOCUMENT;
        }
        if (pointer.startsWith("/resources/liveness_capture/")) {
            if (pointer.contains("/frames/")) {
                return MediaKind.LIVENESS_FRAME;
            }
            if (pointer.contains("/facemap/")) {
                return MediaKind.FACE_MAP;
            }
            if ("VIDEO".equals(type)) {
                return MediaKind.SELFIE_VIDEO;
            }
            return pointer.contains("/image/") ? MediaKind.FACE_IMAGE : MediaKind.OTHER;
        }
        if (pointer.startsWith("/resources/face_capture/")) {
            return pointer.contains("/image/") ? MediaKind.FACE_IMAGE : MediaKind.OTHER;
        }
        return MediaKind.OTHER;
    }

    private static String mimeType(String type) {
        return "JSON".equals(type) ? "application/json" : null;
    }
}
