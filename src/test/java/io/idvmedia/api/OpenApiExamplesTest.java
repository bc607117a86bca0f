package io.idvmedia.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The summary examples in the OpenAPI document are what the API really answers for those sandbox sessions. */
@QuarkusTest
class OpenApiExamplesTest {

    @Test
    void shouldDocumentASummaryExamplePerProviderThatMatchesTheLiveAnswer() {
        JsonNode openapi = Fixtures.json(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asByteArray());
        JsonNode examples = openapi.at("/paths/~1v1~1{provider}~1sessions~1{sessionId}/get/responses/200/content"
                + "/application~1json/examples");

        assertThat(examples.fieldNames()).toIterable().containsExactlyInAnyOrder("yoti summary", "veriff summary");
        assertThat(value(examples.at("/yoti summary/value")))
                .isEqualTo(live("yoti", "11111111-1111-4111-8111-111111111111"));
        assertThat(value(examples.at("/veriff summary/value")))
                .isEqualTo(live("veriff", "66666666-6666-4666-8666-666666666666"));
    }

    /** The document carries a JSON example as JSON, or as a string when it could not parse it. */
    private static JsonNode value(JsonNode example) {
        return example.isTextual() ? Fixtures.json(example.asText().getBytes(StandardCharsets.UTF_8)) : example;
    }

    private static JsonNode live(String provider, String sessionId) {
        return Fixtures.json(given().queryParam("view", "summary").when()
                .get("/v1/" + provider + "/sessions/" + sessionId).then().statusCode(200).extract().asByteArray());
    }
}
