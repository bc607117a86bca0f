package io.idvmedia.lambda;

import static io.idvmedia.testing.LambdaEvents.apiGateway;
import static io.idvmedia.testing.LambdaEvents.invoke;
import static io.idvmedia.testing.LambdaEvents.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Fixtures;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The get-session function, through the Lambda mock event server, against the sandboxes. */
@QuarkusTest
@TestProfile(HandlerProfiles.GetSession.class)
class GetSessionLambdaTest {

    private static final String ROUTE = "/v1/{provider}/sessions/{sessionId}";

    @Test
    void shouldAnswerAnApiGatewayEventWithTheSessionJsonByteForByte() {
        byte[] direct = Sandbox.yotiGet("/sessions/" + YotiSandboxData.COMPLETED).body();

        JsonNode response = invoke(apiGateway("GET", ROUTE, path("yoti", YotiSandboxData.COMPLETED, null), Map.of(),
                Map.of("x-request-id", "trace-lambda-0001")));

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(response.at("/headers/Content-Type").asText()).isEqualTo("application/json");
        assertThat(response.at("/headers/X-Request-Id").asText()).isEqualTo("trace-lambda-0001");
        assertThat(response.get("body").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(direct);
    }

    @Test
    void shouldAnswerTheSummaryView() {
        JsonNode response = invoke(apiGateway("GET", ROUTE, path("veriff", VeriffSandboxData.DECLINED, null),
                Map.of("view", "summary"), Map.of()));

        JsonNode summary = Fixtures.json(response.get("body").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(summary.get("provider").asText()).isEqualTo("veriff");
        assertThat(summary.get("decision").asText()).isEqualTo("reject");
    }

    @Test
    void shouldAnswerProblemsWithTheirStatusAndRequestId() {
        JsonNode unknown = invoke(apiGateway("GET", ROUTE,
                path("yoti", "99999999-9999-4999-8999-999999999999", null), Map.of(), Map.of()));
        JsonNode malformed = invoke(apiGateway("GET", ROUTE, path("yoti", "nope", null), Map.of(), Map.of()));
        JsonNode provider = invoke(apiGateway("GET", ROUTE, path("acme", YotiSandboxData.COMPLETED, null), Map.of(),
                Map.of()));

        assertThat(unknown.get("statusCode").asInt()).isEqualTo(404);
        assertThat(unknown.at("/headers/Content-Type").asText()).isEqualTo("application/problem+json");
        JsonNode problem = Fixtures.json(unknown.get("body").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(problem.get("type").asText()).isEqualTo("urn:idv-media:problem:not-found");
        assertThat(problem.get("requestId").asText()).isEqualTo("JKJaXmPLvHcESHA=");
        assertThat(malformed.get("statusCode").asInt()).isEqualTo(400);
        assertThat(provider.get("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void shouldAnswerADirectInvocationWithTheJsonItself() {
        JsonNode session = invoke(Fixtures.json(("{\"provider\":\"yoti\",\"sessionId\":\"" + YotiSandboxData.COMPLETED
                + "\"}").getBytes(StandardCharsets.UTF_8)));

        assertThat(session.get("session_id").asText()).isEqualTo(YotiSandboxData.COMPLETED);
        assertThat(session.at("/checks/2/report/recommendation/value").asText()).isEqualTo("REJECT");
    }

    @Test
    void shouldAnswerADirectInvocationFailureAsAnErrorObject() {
        JsonNode answer = invoke(Fixtures.json("{\"provider\":\"yoti\",\"sessionId\":\"bad\"}"
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(answer.at("/error/status").asInt()).isEqualTo(400);
        assertThat(answer.at("/error/type").asText()).isEqualTo("urn:idv-media:problem:invalid-request");
        assertThat(answer.at("/error/detail").asText()).contains("sessionId");
    }

    @Test
    void shouldAnswerDirectEventsOfTheWrongShapeWith400NamingWhatIsMissing() {
        for (String event : new String[] {"{}", "[]", "null", "\"x\"", "42", "{\"provider\":\"yoti\"}"}) {
            JsonNode answer = invoke(Fixtures.json(event.getBytes(StandardCharsets.UTF_8)));

            assertThat(answer.at("/error/status").asInt()).as(event).isEqualTo(400);
            assertThat(answer.at("/error/type").asText()).isEqualTo("urn:idv-media:problem:invalid-request");
        }
        assertThat(invoke(Fixtures.json("{}".getBytes(StandardCharsets.UTF_8))).at("/error/detail").asText())
                .contains("provider is required");
        assertThat(invoke(Fixtures.json("{\"provider\":\"yoti\"}".getBytes(StandardCharsets.UTF_8)))
                .at("/error/detail").asText()).contains("sessionId is required");
    }

    @Test
    void shouldNotLetAnEventForgeALogLine() throws Exception {
        try (LogCapture log = LogCapture.of("io.idvmedia.access")) {
            ObjectNode event = apiGateway("GET", ROUTE, path("yoti", YotiSandboxData.COMPLETED, null), Map.of(),
                    Map.of("x-request-id", "forge-0001"));
            ((ObjectNode) event.at("/requestContext/http")).put("method", "GET\nrequestId=forged status=200");

            invoke(event);

            String line = log.await("forge-0001");
            assertThat(line).doesNotContain("\n").doesNotContain("forged").contains("method=-");
        }
    }
}
