package io.idvmedia.lifecycle;

import static io.idvmedia.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Erasure receipts with the local store; and the receipts' routes as the OpenAPI document describes them. */
@QuarkusTest
class ReceiptTest extends ReceiptContract {

    @Override
    String copyKeyPrefix() {
        return "";
    }

    @Test
    void shouldDescribeTheReceiptsRoutesAndTheInstructionHeaderInTheOpenApiDocument() throws Exception {
        JsonNode openapi = new ObjectMapper().readTree(anonymous().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        JsonNode paths = openapi.get("paths");
        assertThat(paths.at("/~1v1~1{provider}~1sessions~1{sessionId}~1receipts/get/operationId").asText())
                .isEqualTo("get-receipts");
        assertThat(paths.at("/~1v1~1receipts~1jwks.json/get/operationId").asText()).isEqualTo("receipts-jwks");
        for (String delete : new String[] {"/~1v1~1{provider}~1sessions~1{sessionId}/delete",
            "/~1v1~1{provider}~1sessions~1{sessionId}~1media~1{mediaId}/delete"}) {
            assertThat(paths.at(delete + "/parameters").findValuesAsText("name")).contains("Idempotency-Key");
        }
        assertThat(openapi.at("/components/schemas/DeletionReport/properties").has("receipt")).isTrue();
    }
}
