package io.idvmedia.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A provider call's URI: its path template expanded and its query appended, each value encoded on its own. */
class ProviderCallTest {

    private static final URI BASE = URI.create("https://api.example.com/idverify/v1/");

    @Test
    void shouldExpandThePathUnderTheBase() {
        ProviderCall call = ProviderCall.get("/sessions/{sessionId}/media/{mediaId}/content",
                List.of("11111111-1111-4111-8111-111111111111", "a1"), "a1", "Media a1");

        assertThat(call.uri(BASE)).hasToString("https://api.example.com/idverify/v1/sessions/"
                + "11111111-1111-4111-8111-111111111111/media/a1/content");
        assertThat(call.method()).isEqualTo("GET");
    }

    @Test
    void shouldKeepEachParameterInItsOwnSegment() {
        // GIVEN values that would change the path or start a query if they were pasted in
        ProviderCall call = ProviderCall.delete("/applicants/{applicantId}", List.of("../x?y=1#z é"), "x", "x");

        // THEN each is encoded as one segment
        assertThat(call.uri(BASE).getRawPath()).isEqualTo("/idverify/v1/applicants/..%2Fx%3Fy%3D1%23z%20%C3%A9");
        assertThat(call.uri(BASE).getRawQuery()).isNull();
        assertThat(call.method()).isEqualTo("DELETE");
    }

    @Test
    void shouldAppendTheQueryInOrderEncoded() {
        ProviderCall call = ProviderCall.get("/workflow_runs", List.of(), "r", "Workflow runs")
                .withQuery("page", "2").withQuery("sort", "desc").withQuery("q", "a&b=c");

        assertThat(call.uri(URI.create("https://api.example.com/v3.6")).toString())
                .isEqualTo("https://api.example.com/v3.6/workflow_runs?page=2&sort=desc&q=a%26b%3Dc");
    }

    @Test
    void shouldRefuseAParameterCountThatDoesNotFitThePath() {
        assertThatThrownBy(() -> ProviderCall.get("/sessions/{sessionId}", List.of(), "s", "s").uri(BASE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProviderCall.get("/sessions/{sessionId}", List.of("a", "b"), "s", "s").uri(BASE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
