package io.idvmedia.lambda;

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

/** The list-media function, through the Lambda mock event server. */
@QuarkusTest
@TestProfile(HandlerProfiles.ListMedia.class)
class ListMediaLambdaTest {

    @Test
    void shouldListEveryMediaItemForBothEventShapes() {
        JsonNode http = invoke(apiGateway("GET", "/v1/{provider}/sessions/{sessionId}/media",
                path("yoti", YotiSandboxData.UNKNOWN_TYPES, null), Map.of(), Map.of()));
        JsonNode direct = invoke(Fixtures.json(("{\"provider\":\"yoti\",\"sessionId\":\""
                + YotiSandboxData.COMPLETED + "\"}").getBytes(StandardCharsets.UTF_8)));

        assertThat(http.get("statusCode").asInt()).isEqualTo(200);
        JsonNode list = Fixtures.json(http.get("body").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(list.at("/media/1/id").asText()).isEqualTo(YotiSandboxData.UNKNOWN_CONTAINER_MEDIA);
        assertThat(direct.get("media").size()).isEqualTo(9);
    }
}
