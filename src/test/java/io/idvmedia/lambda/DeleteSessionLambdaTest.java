package io.idvmedia.lambda;

import static io.idvmedia.testing.LambdaEvents.apiGateway;
import static io.idvmedia.testing.LambdaEvents.invoke;
import static io.idvmedia.testing.LambdaEvents.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delete-session function, through the Lambda mock event server. */
@QuarkusTest
@TestProfile(HandlerProfiles.DeleteSession.class)
class DeleteSessionLambdaTest {

    private static final String ROUTE = "/v1/{provider}/sessions/{sessionId}";

    @Inject
    YotiSandboxData yoti;

    @Inject
    VeriffSandboxData veriff;

    @Inject
    OnfidoSandboxData onfido;

    @BeforeEach
    void reset() {
        yoti.reset();
        veriff.reset();
        onfido.reset();
    }

    @Test
    void shouldDeleteAnOnfidoRunsApplicant() {
        JsonNode response = invoke(apiGateway("DELETE", ROUTE, path("onfido", OnfidoSandboxData.APPROVED, null),
                Map.of(), Map.of()));

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        JsonNode report = Fixtures.json(response.get("body").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(report.get("providerStatus").asInt()).isEqualTo(204);
        assertThat(onfido.run(OnfidoSandboxData.APPROVED)).isEmpty();
    }

    @Test
    void shouldDeleteAndSayWhatWasRemoved() {
        JsonNode response = invoke(apiGateway("DELETE", ROUTE, path("yoti", YotiSandboxData.COMPLETED, null),
                Map.of(), Map.of()));

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        JsonNode report = Fixtures.json(response.get("body").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(report.get("sessionId").asText()).isEqualTo(YotiSandboxData.COMPLETED);
        assertThat(report.get("stagedCopiesRemoved").isArray()).isTrue();
    }

    @Test
    void shouldAnswer409ForASessionInProgressInBothShapes() {
        JsonNode http = invoke(apiGateway("DELETE", ROUTE, path("yoti", YotiSandboxData.ONGOING, null), Map.of(),
                Map.of()));
        JsonNode direct = invoke(Fixtures.json(("{\"provider\":\"veriff\",\"sessionId\":\""
                + VeriffSandboxData.IN_PROGRESS + "\"}").getBytes(StandardCharsets.UTF_8)));

        assertThat(http.get("statusCode").asInt()).isEqualTo(409);
        assertThat(direct.at("/error/status").asInt()).isEqualTo(409);
        assertThat(direct.at("/error/stagedCopiesRemoved").isArray()).isTrue();
    }
}
