package io.idvmedia.lambda;

import static io.idvmedia.testing.LambdaEvents.apiGateway;
import static io.idvmedia.testing.LambdaEvents.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.sandbox.SumsubSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Fixtures;
import io.idvmedia.testing.S3ProxyResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The hold function, through the Lambda mock event server, keeping holds in S3 (S3Proxy). */
@QuarkusTest
@TestProfile(HandlerProfiles.Hold.class)
@WithTestResource(S3ProxyResource.class)
class HoldLambdaTest {

    private static final String ROUTE = "/v1/{provider}/sessions/{sessionId}/hold";

    @S3ProxyResource.InjectS3
    S3Client s3;

    @Test
    void shouldPlaceReadAndReleaseAHoldThroughApiGatewayKeptUnderTheRecordsPrefix() {
        Map<String, String> session = Map.of("provider", "yoti", "sessionId", YotiSandboxData.VIDEO);
        ObjectNode place = apiGateway("PUT", ROUTE, session, Map.of(), Map.of("content-type", "application/json"));
        place.put("body", "{\"reason\":\"Litigation hold\",\"reference\":\"LH-7\"}");
        place.put("isBase64Encoded", false);

        JsonNode placed = invoke(place);
        assertThat(placed.get("statusCode").asInt()).as(placed.toString()).isEqualTo(200);
        JsonNode read = body(invoke(apiGateway("GET", ROUTE, session, Map.of(), Map.of())));
        assertThat(read.get("held").asBoolean()).isTrue();
        assertThat(read.get("reference").asText()).isEqualTo("LH-7");
        assertThat(record("yoti", YotiSandboxData.VIDEO)).contains("Litigation hold");

        JsonNode released = invoke(apiGateway("DELETE", ROUTE, session, Map.of(), Map.of()));
        assertThat(body(released).get("held").asBoolean()).isFalse();
        assertThat(body(invoke(apiGateway("GET", ROUTE, session, Map.of(), Map.of()))).get("held").asBoolean())
                .isFalse();
        assertThat(record("yoti", YotiSandboxData.VIDEO)).isNull();
    }

    @Test
    void shouldPlaceAndReleaseAHoldInvokedDirectly() {
        JsonNode placed = invoke(Fixtures.json(("{\"provider\":\"sumsub\",\"sessionId\":\"" + SumsubSandboxData.PENDING
                + "\",\"action\":\"place\",\"reason\":\"Subject access request\"}").getBytes(StandardCharsets.UTF_8)));
        assertThat(placed.get("held").asBoolean()).as(placed.toString()).isTrue();
        assertThat(placed.get("placedBy").asText()).isEqualTo("direct");

        JsonNode bad = invoke(Fixtures.json(("{\"provider\":\"sumsub\",\"sessionId\":\"" + SumsubSandboxData.PENDING
                + "\",\"action\":\"place\"}").getBytes(StandardCharsets.UTF_8)));
        assertThat(bad.at("/error/status").asInt()).isEqualTo(400);

        JsonNode released = invoke(Fixtures.json(("{\"provider\":\"sumsub\",\"sessionId\":\""
                + SumsubSandboxData.PENDING + "\",\"action\":\"release\"}").getBytes(StandardCharsets.UTF_8)));
        assertThat(released.get("held").asBoolean()).isFalse();
    }

    private static JsonNode body(JsonNode response) {
        return Fixtures.json(response.get("body").asText().getBytes(StandardCharsets.UTF_8));
    }

    private String record(String provider, String sessionId) {
        try {
            return s3.getObject(b -> b.bucket(S3ProxyResource.BUCKET).key("records/holds/" + provider + "/"
                    + sessionId + ".json"), ResponseTransformer.toBytes()).asUtf8String();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }
}
