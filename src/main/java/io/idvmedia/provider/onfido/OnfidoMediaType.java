package io.idvmedia.provider.onfido;

import io.idvmedia.provider.MediaKind;

/** The applicant's media collections Onfido lists, each with its own list and download paths. */
enum OnfidoMediaType {
    DOCUMENTS("documents", MediaKind.DOCUMENT_PAGE),
    LIVE_PHOTOS("live_photos", MediaKind.FACE_IMAGE),
    LIVE_VIDEOS("live_videos", MediaKind.SELFIE_VIDEO),
    MOTION_CAPTURES("motion_captures", MediaKind.MOTION_CAPTURE),
    ID_PHOTOS("id_photos", MediaKind.DOCUMENT_ID_PHOTO);

    private final String collection;
    private final MediaKind kind;

    OnfidoMediaType(String collection, MediaKind kind) {
        this.collection = collection;
        this.kind = kind;
    }

    /** The path segment and the list's member name, e.g. {@code live_photos}. */
    String collection() {
        return collection;
    }

    MediaKind kind() {
        return kind;
    }
}
