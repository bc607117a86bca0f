package io.idvmedia.provider.yoti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.sandbox.YotiSandboxSessions;
import io.idvmedia.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class YotiMediaIndexTest {

    @Test
    void shouldListEveryMediaPointerOfTheDocumentedSessionWithItsKind() {
        // GIVEN the session shape of Yoti's documentation
        List<MediaItem> media = YotiMediaIndex.of(Fixtures.json("yoti/session-documented.json"));

        // THEN every pointer is listed once, in document order, with the kind its place implies
        assertThat(media).extracting(MediaItem::id, MediaItem::kind).containsExactly(
                tuple("0b0f3c11-5d2a-4c6b-9e8f-7a6b5c4d3e2f", MediaKind.GENERATED_JSON),
                tuple("1e2d3c4b-5a69-4788-96a5-b4c3d2e1f0a9", MediaKind.DOCUMENT_PAGE),
                tuple("2f3e4d5c-6b7a-4899-a7b6-c5d4e3f2a1b0", MediaKind.DOCUMENT_PAGE),
                tuple("3a4b5c6d-7e8f-4a9b-8c7d-6e5f4a3b2c1d", MediaKind.DOCUMENT_FIELDS),
                tuple("4b5c6d7e-8f9a-4b0c-9d8e-7f6a5b4c3d2e", MediaKind.DOCUMENT_ID_PHOTO),
                tuple("6d7e8f9a-0b1c-4d2e-9f0a-1b2c3d4e5f60", MediaKind.SUPPLEMENTARY_DOCUMENT),
                tuple("7e8f9a0b-1c2d-4e3f-8a1b-2c3d4e5f6071", MediaKind.SUPPLEMENTARY_DOCUMENT),
                tuple("9a0b1c2d-3e4f-4a5b-8c3d-4e5f60718293", MediaKind.FACE_MAP),
                tuple("a0b1c2d3-4e5f-4b6c-9d4e-5f60718293a4", MediaKind.LIVENESS_FRAME),
                tuple("b1c2d3e4-5f6a-4c7d-8e5f-60718293a4b5", MediaKind.LIVENESS_FRAME),
                tuple("d3e4f5a6-7b8c-4e9f-8a71-8293a4b5c6d7", MediaKind.FACE_IMAGE),
                tuple("f5a6b7c8-9d0e-4ab1-8c93-a4b5c6d7e8f9", MediaKind.FACE_IMAGE),
                tuple("b7c8d9e0-1f2a-4cd3-8eb5-c6d7e8f9a0b1", MediaKind.GENERATED_JSON));
    }

    @Test
    void shouldSayWhereEachItemWasFoundAndKnownMimeTypes() {
        List<MediaItem> media = YotiMediaIndex.of(Fixtures.json("yoti/session-documented.json"));

        assertThat(media.get(0).source()).isEqualTo("/resources/id_documents/0/tasks/0/generated_media/0");
        assertThat(media.get(0).mimeType()).isEqualTo("application/json");
        assertThat(media.get(0).providerType()).isEqualTo("JSON");
        assertThat(media.get(1).source()).isEqualTo("/resources/id_documents/0/pages/0/media");
        assertThat(media.get(1).mimeType()).isNull();
        assertThat(media.get(12).source()).isEqualTo("/checks/1/generated_media/0");
    }

    @Test
    void shouldListMediaInUnknownContainersAndUnknownLivenessTypes() {
        // GIVEN a session with a liveness type and a resource container no code knows
        List<MediaItem> media = YotiMediaIndex.of(Fixtures.json(
                YotiSandboxSessions.unknownTypes().getBytes(StandardCharsets.UTF_8)));

        // THEN their media are listed all the same
        assertThat(media).extracting(MediaItem::id, MediaItem::kind, MediaItem::source).containsExactly(
                tuple(YotiSandboxData.UNKNOWN_FRAME, MediaKind.LIVENESS_FRAME,
                        "/resources/liveness_capture/0/frames/0/media"),
                tuple(YotiSandboxData.UNKNOWN_CONTAINER_MEDIA, MediaKind.OTHER,
                        "/resources/voice_capture/0/sample/media"));
    }

    @Test
    void shouldListEverySandboxMediaOfTheCompletedSession() {
        List<MediaItem> media = YotiMediaIndex.of(Fixtures.json(
                YotiSandboxSessions.completed().getBytes(StandardCharsets.UTF_8)));

        assertThat(media).extracting(MediaItem::id).containsExactlyInAnyOrder(
                YotiSandboxData.FRONT_PAGE, YotiSandboxData.BACK_PAGE, YotiSandboxData.DOCUMENT_FIELDS,
                YotiSandboxData.TEXT_EXTRACTION, YotiSandboxData.LIVENESS_FRAME_1, YotiSandboxData.LIVENESS_FRAME_2,
                YotiSandboxData.LIVENESS_FRAME_3, YotiSandboxData.FACEMAP, YotiSandboxData.EMPTY_ID_PHOTO);
    }

    @Test
    void shouldTakeAVideoInALivenessCaptureForASelfieVideo() {
        List<MediaItem> media = YotiMediaIndex.of(Fixtures.json(
                YotiSandboxSessions.video(1024).getBytes(StandardCharsets.UTF_8)));

        assertThat(media).extracting(MediaItem::id, MediaItem::kind).containsExactly(
                tuple(YotiSandboxData.VIDEO_STILL, MediaKind.FACE_IMAGE),
                tuple(YotiSandboxData.VIDEO_MEDIA, MediaKind.SELFIE_VIDEO));
    }
}
