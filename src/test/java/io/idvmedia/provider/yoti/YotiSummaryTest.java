package io.idvmedia.provider.yoti;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.provider.SessionSummary.Decision;
import io.idvmedia.provider.SessionSummary.State;
import io.idvmedia.provider.SessionSummary;
import io.idvmedia.sandbox.YotiSandboxSessions;
import io.idvmedia.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class YotiSummaryTest {

    private static SessionSummary summarize(byte[] json) throws IOException {
        return YotiSummary.of("sid", YotiSession.parse(Fixtures.mapper(), json),
                YotiMediaIndex.of(Fixtures.json(json)));
    }

    @Test
    void shouldRejectWhenAnyCheckRecommendsReject() throws IOException {
        SessionSummary summary = summarize(YotiSandboxSessions.completed().getBytes(StandardCharsets.UTF_8));

        assertThat(summary.provider()).isEqualTo("yoti");
        assertThat(summary.state()).isEqualTo(State.COMPLETED);
        assertThat(summary.providerState()).isEqualTo("COMPLETED");
        assertThat(summary.decision()).isEqualTo(Decision.REJECT);
        assertThat(summary.checks()).containsExactly(
                new SessionSummary.Check("ID_DOCUMENT_AUTHENTICITY", "DONE", Decision.APPROVE, null),
                new SessionSummary.Check("LIVENESS", "DONE", Decision.APPROVE, null),
                new SessionSummary.Check("ID_DOCUMENT_FACE_MATCH", "DONE", Decision.REJECT, "FACE_NOT_GENUINE"));
        assertThat(summary.media()).hasSize(9);
    }

    @Test
    void shouldNotApproveWhenACheckCouldNotDecide() throws IOException {
        SessionSummary summary = summarize(Fixtures.bytes("yoti/session-documented.json"));

        assertThat(summary.decision()).isEqualTo(Decision.NOT_AVAILABLE);
        assertThat(summary.checks()).last().isEqualTo(new SessionSummary.Check("ID_DOCUMENT_FACE_MATCH", "DONE",
                Decision.NOT_AVAILABLE, "PHOTO_TOO_BLURRY"));
    }

    @Test
    void shouldKeepUnknownCheckTypesAsTheProviderNamesThem() throws IOException {
        SessionSummary summary = summarize(YotiSandboxSessions.unknownTypes().getBytes(StandardCharsets.UTF_8));

        assertThat(summary.checks()).extracting(SessionSummary.Check::type)
                .containsExactly("SYNTHETIC_IDENTITY_SCREENING");
        assertThat(summary.decision()).isEqualTo(Decision.NOT_AVAILABLE);
        assertThat(summary.media()).hasSize(2);
    }

    @Test
    void shouldBePendingWhileTheSessionIsOngoing() throws IOException {
        SessionSummary summary = summarize(YotiSandboxSessions.ongoing().getBytes(StandardCharsets.UTF_8));

        assertThat(summary.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(summary.decision()).isEqualTo(Decision.PENDING);
    }

    @Test
    void shouldDeriveTheOverallDecisionFromStateAndChecks() {
        SessionSummary.Check approve = new SessionSummary.Check("A", "DONE", Decision.APPROVE, null);
        SessionSummary.Check pending = new SessionSummary.Check("B", "PENDING", Decision.PENDING, null);

        assertThat(YotiSummary.decision(State.COMPLETED, List.of(approve, approve))).isEqualTo(Decision.APPROVE);
        assertThat(YotiSummary.decision(State.COMPLETED, List.of(approve, pending))).isEqualTo(Decision.PENDING);
        assertThat(YotiSummary.decision(State.COMPLETED, List.of())).isEqualTo(Decision.NOT_AVAILABLE);
        assertThat(YotiSummary.decision(State.EXPIRED, List.of(approve))).isEqualTo(Decision.NOT_AVAILABLE);
        assertThat(YotiSummary.decision(State.IN_PROGRESS, List.of(approve))).isEqualTo(Decision.PENDING);
    }
}
