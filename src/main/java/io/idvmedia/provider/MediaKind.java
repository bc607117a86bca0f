package io.idvmedia.provider;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a media item shows, in the same terms for every provider. */
public enum MediaKind {
    DOCUMENT_PAGE, DOCUMENT_FIELDS, GENERATED_JSON, DOCUMENT_ID_PHOTO, LIVENESS_FRAME, FACE_MAP, FACE_IMAGE,
    SELFIE_VIDEO, MOTION_CAPTURE, NFC, SUPPLEMENTARY_DOCUMENT, OTHER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
