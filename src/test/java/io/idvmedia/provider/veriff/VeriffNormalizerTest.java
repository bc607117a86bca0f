package io.idvmedia.provider.veriff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.provider.SessionSummary.Decision;
import io.idvmedia.provider.SessionSummary.State;
import io.idvmedia.provider.SessionSummary;
import io.idvmedia.sandbox.VeriffSandboxSessions;
import io.idvmedia.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VeriffNormalizerTest {

    @Test
    void shouldListImagesVideosNfcAndUnknownContainersWithSizesFromNumbersOrStrings() {
        List<MediaItem> media = VeriffMediaIndex.of(Fixtures.json("veriff/media-documented.json"));

        assertThat(media).extracting(MediaItem::id, MediaItem::kind, MediaItem::providerType, MediaItem::size)
                .containsExactly(
                        tuple("a8f6b3e1-0c4d-4e2a-9b1f-7d6c5b4a3e2d", MediaKind.SELFIE_VIDEO, "selfid_video",
                                14000453L),
                        tuple("b9a7c4f2-1d5e-4f3b-8c2a-8e7d6c5b4a3f", MediaKind.OTHER, "document-front-video",
                                5001234L),
                        tuple("d69a07cf-4434-4d36-be6c-d22af7dc01fb", MediaKind.DOCUMENT_PAGE, "document-front",
                                12345L),
                        tuple("e7ab18d0-5545-4e47-8f7d-e33b08ed12ac", MediaKind.DOCUMENT_PAGE, "document-back",
                                11002L),
                        tuple("f8bc29e1-6656-4f58-9a8e-f44c19fe23bd", MediaKind.FACE_IMAGE, "face", 9876L),
                        tuple("09cd3af2-7767-4a69-8b9f-055d2a0f34ce", MediaKind.DOCUMENT_ID_PHOTO,
                                "document-front-face-cropped", 2048L),
                        tuple("1ade4b03-8878-4b7a-9ca0-166e3b1045df", MediaKind.SUPPLEMENTARY_DOCUMENT,
                                "address-front", 30111L),
                        tuple("2bef5c14-9989-4c8b-8db1-277f4c2156e0", MediaKind.NFC, "nfc", 4096L),
                        tuple("3cf06d25-a09a-4d9c-9ec2-388a5d3267f1", MediaKind.OTHER, "hologram-tilt", 777L));
        assertThat(media.get(0).mimeType()).isEqualTo("video/webm");
        assertThat(media.get(0).source()).isEqualTo("/videos/0");
        assertThat(media.get(7).source()).isEqualTo("/nfcDocuments/0");
    }

    @Test
    void shouldReadNumbersSentAsNumbersOrStrings() {
        assertThat(VeriffMediaIndex.number(Fixtures.json("123".getBytes(StandardCharsets.UTF_8)))).isEqualTo(123L);
        assertThat(VeriffMediaIndex.number(Fixtures.json("\"456\"".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(456L);
        assertThat(VeriffMediaIndex.number(Fixtures.json("\"25.70\"".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(25L);
        assertThat(VeriffMediaIndex.number(Fixtures.json("\"n/a\"".getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(VeriffMediaIndex.number(null)).isNull();
    }

    @Test
    void shouldSummarizeAnApprovedDecision() {
        SessionSummary summary = VeriffSummary.of("sid", Fixtures.json("veriff/decision-approved.json"), List.of());

        assertThat(summary.provider()).isEqualTo("veriff");
        assertThat(summary.state()).isEqualTo(State.COMPLETED);
        assertThat(summary.decision()).isEqualTo(Decision.APPROVE);
        assertThat(summary.checks()).containsExactly(
                new SessionSummary.Check("verification", "approved", Decision.APPROVE, null));
    }

    @Test
    void shouldSummarizeADeclineWithItsReason() {
        SessionSummary summary = VeriffSummary.of("sid", Fixtures.json("veriff/decision-declined.json"), List.of());

        assertThat(summary.decision()).isEqualTo(Decision.REJECT);
        assertThat(summary.checks().get(0).reason())
                .isEqualTo("103: Person showing the document does not appear to match document photo");
    }

    @Test
    void shouldBePendingWhileThereIsNoDecision() {
        SessionSummary summary = VeriffSummary.of("sid", Fixtures.json("veriff/decision-not-ready.json"), List.of());

        assertThat(summary.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(summary.decision()).isEqualTo(Decision.PENDING);
        assertThat(summary.checks()).isEmpty();
    }

    @Test
    void shouldMapEveryVeriffStatus() {
        assertThat(statusDecision("resubmission_requested")).isEqualTo(Decision.PENDING);
        assertThat(statusDecision("review")).isEqualTo(Decision.PENDING);
        assertThat(statusDecision("expired")).isEqualTo(Decision.NOT_AVAILABLE);
        assertThat(statusDecision("abandoned")).isEqualTo(Decision.NOT_AVAILABLE);
        assertThat(statusDecision("something_new")).isEqualTo(Decision.NOT_AVAILABLE);
    }

    @Test
    void shouldSummarizeTheSandboxDeclineWithItsMedia() {
        SessionSummary summary = VeriffSummary.of("sid", Fixtures.json(
                VeriffSandboxSessions.declinedDecision().getBytes(StandardCharsets.UTF_8)),
                VeriffMediaIndex.of(Fixtures.json(VeriffSandboxSessions.declinedMedia(1, 2, 3)
                        .getBytes(StandardCharsets.UTF_8))));

        assertThat(summary.decision()).isEqualTo(Decision.REJECT);
        assertThat(summary.media()).extracting(MediaItem::kind).containsExactly(MediaKind.SELFIE_VIDEO,
                MediaKind.SELFIE_VIDEO, MediaKind.DOCUMENT_PAGE, MediaKind.FACE_IMAGE, MediaKind.FACE_IMAGE);
    }

    private static Decision statusDecision(String status) {
        String json = "{\"status\":\"success\",\"verification\":{\"status\":\"" + status + "\"}}";
        return VeriffSummary.of("sid", Fixtures.json(json.getBytes(StandardCharsets.UTF_8)), List.of()).decision();
    }
}
