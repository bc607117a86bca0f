package io.idvmedia.api;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

        assertThat(examples.fieldNames()).toIterable().containsExactlyInAnyOrder("yoti summary", "veriff summary",
                "onfido summary");
        assertThat(withoutSizes(value(examples.at("/yoti summary/value"))))
                .isEqualTo(withoutSizes(live("yoti", "11111111-1111-4111-8111-111111111111")));
        assertThat(withoutSizes(value(examples.at("/veriff summary/value"))))
                .isEqualTo(withoutSizes(live("veriff", "55555555-5555-4555-8555-555555555555")));
        assertThat(withoutSizes(value(examples.at("/onfido summary/value"))))
                .isEqualTo(withoutSizes(live("onfido", "88888888-8888-4888-8888-888888888888")));
    }

    /** Media sizes follow the sandbox's settings (its video size differs between dev and test), not the code. */
    private static JsonNode withoutSizes(JsonNode summary) {
        JsonNode copy = summary.deepCopy();
        copy.path("media").forEach(media -> ((ObjectNode) media).remove("size"));
        return copy;
    }

    /** The document carries a JSON example as JSON, or as a string when it could not parse it. */
    private static JsonNode value(JsonNode example) {
        return example.isTextual() ? Fixtures.json(example.asText().getBytes(StandardCharsets.UTF_8)) : example;
    }

    private static JsonNode live(String provider, String sessionId) {
        return Fixtures.json(given().queryParam("view", "summary").when()
                .get("/v1/" + provider + "/sessions/" + sessionId).then().statusCode(200).extract().asByteArray());
    }

    @Test
    void shouldListTheProvidersServedAndTheirIdFormsFromTheRegistry() {
        JsonNode openapi = Fixtures.json(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asByteArray());
        JsonNode parameters = openapi.at("/paths/~1v1~1{provider}~1sessions~1{sessionId}~1media~1{mediaId}/get"
                + "/parameters");
        JsonNode provider = null;
        JsonNode session = null;
        for (JsonNode parameter : parameters) {
            if (parameter.path("name").asText().equals("provider")) {
                provider = parameter;
            } else if (parameter.path("name").asText().equals("sessionId")) {
                session = parameter;
            }
        }
        assertThat(provider).isNotNull();
        assertThat(provider.at("/schema/enum")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("yoti", "veriff", "onfido", "sumsub");
        assertThat(session).isNotNull();
        assertThat(session.path("description").asText())
                .contains("yoti, a UUID").contains("veriff, a UUID").contains("onfido, a UUID")
                .contains("sumsub, 24 lowercase letters or digits");
    }
}
