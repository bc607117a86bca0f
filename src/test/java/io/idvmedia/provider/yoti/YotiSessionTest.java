package io.idvmedia.provider.yoti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.sandbox.YotiSandboxSessions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class YotiSessionTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private YotiSession parse(String json) throws IOException {
        return YotiSession.parse(mapper, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadACompletedSessionWithItsResourcesAndChecks() throws IOException {
        YotiSession session = parse(YotiSandboxSessions.completed());

        assertThat(session.state()).isEqualTo("COMPLETED");
        YotiSession.IdDocument document = session.resources().idDocuments().get(0);
        assertThat(document.pages()).extracting(p -> p.media().type()).containsExactly("IMAGE", "IMAGE");
        assertThat(document.documentFields().media().type()).isEqualTo("JSON");
        assertThat(document.tasks().get(0).knownType())
                .isEqualTo(YotiSession.TaskType.ID_DOCUMENT_TEXT_DATA_EXTRACTION);
        YotiSession.Liveness liveness = session.resources().livenessCapture().get(0);
        assertThat(liveness.knownType()).isEqualTo(YotiSession.LivenessType.ZOOM);
        assertThat(liveness.frames()).hasSize(3);
        assertThat(liveness.facemap().media().type()).isEqualTo("BINARY");
        assertThat(session.checks()).extracting(YotiSession.Check::knownType).containsExactly(
                YotiSession.CheckType.ID_DOCUMENT_AUTHENTICITY, YotiSession.CheckType.LIVENESS,
                YotiSession.CheckType.ID_DOCUMENT_FACE_MATCH);
        assertThat(session.checks().get(2).report().recommendation().reason()).isEqualTo("FACE_NOT_GENUINE");
    }

    @Test
    void shouldKeepUnknownCheckTaskAndLivenessTypesInsteadOfFailing() throws IOException {
        YotiSession session = parse(YotiSandboxSessions.unknownTypes());

        YotiSession.Check check = session.checks().get(0);
        assertThat(check.type()).isEqualTo("SYNTHETIC_IDENTITY_SCREENING");
        assertThat(check.knownType()).isEqualTo(YotiSession.CheckType.UNKNOWN);
        assertThat(check.report().recommendation().value()).isEqualTo("NOT_AVAILABLE");
        YotiSession.Liveness liveness = session.resources().livenessCapture().get(0);
        assertThat(liveness.livenessType()).isEqualTo("HOLOGRAPHIC_TURN");
        assertThat(liveness.knownType()).isEqualTo(YotiSession.LivenessType.UNKNOWN);
        assertThat(liveness.tasks().get(0).knownType()).isEqualTo(YotiSession.TaskType.UNKNOWN);
    }

    @Test
    void shouldTolerateMissingSectionsAndNewFields() throws IOException {
        YotiSession session = parse("{\"state\":\"ONGOING\",\"new_top_level\":{\"x\":[1,2]},"
                + "\"resources\":{\"id_documents\":[{\"pages\":null,\"unheard_of\":true}]}}");

        assertThat(session.checks()).isEmpty();
        assertThat(session.resources().idDocuments().get(0).pages()).isEmpty();
        assertThat(session.resources().livenessCapture()).isEmpty();
    }

    @Test
    void shouldRejectWhatIsNotASessionObject() {
        assertThatThrownBy(() -> parse("<html>maintenance</html>")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("null")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("{\"state\":\"COMPLETED\"} trailing")).isInstanceOf(IOException.class);
    }
}
