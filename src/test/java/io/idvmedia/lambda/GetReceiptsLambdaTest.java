package io.idvmedia.lambda;

import static io.idvmedia.testing.LambdaEvents.anonymousApiGateway;
import static io.idvmedia.testing.LambdaEvents.apiGateway;
import static io.idvmedia.testing.LambdaEvents.invoke;
import static io.idvmedia.testing.LambdaEvents.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The get-receipts function, through the Lambda mock event server: a session's receipts, and the public keys. */
@QuarkusTest
@TestProfile(HandlerProfiles.GetReceipts.class)
class GetReceiptsLambdaTest {

    @Test
    void shouldServeThePublicKeysWithoutAGrantAndTheReceiptsWithOne() {
        JsonNode keys = invoke(anonymousApiGateway("GET", "/v1/receipts/jwks.json", Map.of(), Map.of(), Map.of()));
        assertThat(keys.get("statusCode").asInt()).as(keys.toString()).isEqualTo(200);
        assertThat(keys.at("/headers/Content-Type").asText()).isEqualTo("application/jwk-set+json");
        JsonNode set = Fixtures.json(keys.get("body").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(set.get("keys")).isNotEmpty().allSatisfy(key -> {
            assertThat(key.get("kty").asText()).isEqualTo("EC");
            assertThat(key.has("d")).as("no private part").isFalse();
        });

        Map<String, String> session = path("yoti", YotiSandboxData.COMPLETED, null);
        JsonNode receipts = invoke(apiGateway("GET", "/v1/{provider}/sessions/{sessionId}/receipts", session,
                Map.of(), Map.of()));
        assertThat(receipts.get("statusCode").asInt()).as(receipts.toString()).isEqualTo(200);
        assertThat(Fixtures.json(receipts.get("body").asText().getBytes(StandardCharsets.UTF_8)).get("receipts")
                .isArray()).isTrue();
        JsonNode anonymous = invoke(anonymousApiGateway("GET", "/v1/{provider}/sessions/{sessionId}/receipts",
                session, Map.of(), Map.of()));
        assertThat(anonymous.get("statusCode").asInt()).isEqualTo(401);
    }
}
