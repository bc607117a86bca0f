package io.idvmedia.lifecycle;

import static io.idvmedia.testing.Api.anonymous;
import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import io.idvmedia.sandbox.YotiSandboxData;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Erasure receipts with the local store; and the receipts' routes as the OpenAPI document describes them. */
@QuarkusTest
class ReceiptTest extends ReceiptContract {

    @Override
    String copyKeyPrefix() {
        return "";
    }

    @Test
    void shouldFinishADeleteWhoseReceiptCouldNotBeKeptWithoutAskingTheProviderAgain() throws Exception {
        // GIVEN a store where the session's receipts cannot be written (a file where their directory would be)
        String session = YotiSandboxData.VIEWER;
        Path store = ConfigProvider.getConfig().getOptionalValue("idv.media.local.dir", String.class).map(Path::of)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "idv-media-staged"));
        Path receipts = store.resolve(Path.of(".records", "receipts", "yoti", session));
        Files.createDirectories(receipts.getParent());
        Files.deleteIfExists(receipts);
        Files.writeString(receipts, "in the way");
        String instruction = UUID.randomUUID().toString();
        int before = yoti.deletions(session);
        try {
            // WHEN the session is deleted, THEN the provider deleted it, but the delete answers that its receipt could
            // not be kept, with the instruction to retry with
            given().header("Idempotency-Key", instruction).when().delete("/v1/yoti/sessions/" + session).then()
                    .statusCode(503).body("instructionId", equalTo(instruction))
                    .body("detail", containsString("retry it with the same Idempotency-Key"));
            assertThat(yoti.session(session)).isEmpty();
            assertThat(yoti.deletions(session)).isEqualTo(before + 1);
        } finally {
            Files.delete(receipts);
        }

        // WHEN it is retried with the same instruction, THEN its receipt is kept, saying the provider deleted it (as it
        // answered the first time), and the provider is not asked again
        String receipt = given().header("Idempotency-Key", instruction).when().delete("/v1/yoti/sessions/" + session)
                .then().statusCode(200).body("providerStatus", equalTo(204)).extract().path("receipt");
        assertThat(yoti.deletions(session)).isEqualTo(before + 1);
        JWKSet keys = JWKSet.parse(anonymous().when().get("/v1/receipts/jwks.json").then().extract().asString());
        assertThat(verified(keys, receipt)).containsEntry("providerOutcome", "deleted");
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
