package io.idvmedia.lifecycle;

import static io.idvmedia.testing.Api.anonymous;
import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.SumsubSandboxData;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Api;
import io.idvmedia.testing.Grants;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Erasure receipts over HTTP against every provider's sandbox, with the store a subclass chooses: each receipt
 * verifies with the published JWK Set under a JOSE library other than the one that signed it, lists the copies removed
 * with their digests, and is answered again, without a second provider call, for a repeated instruction.
 */
abstract class ReceiptContract extends EverySandbox {

    @Test
    void shouldSignAVerifiableReceiptOfEachProvidersDeleteListingTheCopiesRemoved() throws Exception {
        record Case(String provider, String session, String media, int status, String outcome, Integer providerStatus,
                IntSupplier providerCalls) {
        }
        List<Case> cases = List.of(
                new Case("yoti", YotiSandboxData.COMPLETED, YotiSandboxData.FRONT_PAGE, 200, "deleted", 204,
                        () -> yoti.deletions(YotiSandboxData.COMPLETED)),
                new Case("veriff", VeriffSandboxData.APPROVED, VeriffSandboxData.DOCUMENT_FRONT, 200, "deleted", 200,
                        () -> veriff.deletions(VeriffSandboxData.APPROVED)),
                new Case("onfido", OnfidoSandboxData.APPROVED, OnfidoSandboxData.DOCUMENT_FRONT, 200, "deleted", 204,
                        () -> onfido.deletions(OnfidoSandboxData.APPROVED_APPLICANT)),
                new Case("sumsub", SumsubSandboxData.APPROVED, SumsubSandboxData.ID_FRONT, 501, "not-supported", null,
                        () -> 0));
        JWKSet keys = JWKSet.parse(anonymous().when().get("/v1/receipts/jwks.json").then().statusCode(200)
                .contentType(containsString("application/jwk-set+json")).extract().asString());
        assertThat(keys.getKeys()).isNotEmpty().allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
        // the retired key the test configuration names is published after the current one
        assertThat(keys.getKeys()).extracting(JWK::getKeyID).hasSize(2).endsWith("receipts-2025");

        for (Case c : cases) {
            String path = "/v1/" + c.provider() + "/sessions/" + c.session();
            // GIVEN a staged copy of one of the session's media
            String sha256 = given().queryParam("delivery", "url").when().get(path + "/media/" + c.media()).then()
                    .statusCode(200).extract().path("sha256");
            String instruction = "erase-" + UUID.randomUUID();

            // WHEN the session is deleted on the caller's instruction
            ExtractableResponse<Response> answer = given().header("Idempotency-Key", instruction).when()
                    .delete(path).then().statusCode(c.status()).extract();

            // THEN its receipt verifies with the published keys, and says what was done, by whom, on what instruction
            String receipt = answer.path("receipt");
            assertThat(receipt).as(c.provider() + ": " + answer.asString()).isNotNull();
            Map<String, Object> payload = verified(keys, receipt);
            assertThat(payload).containsEntry("receiptId", answer.path("receiptId"))
                    .containsEntry("instructionId", instruction).containsEntry("provider", c.provider())
                    .containsEntry("sessionId", c.session()).containsEntry("requestedBy", "test-user-1")
                    .containsEntry("providerOutcome", c.outcome()).containsEntry("holds", List.of())
                    .containsKeys("requestedAt", "completedAt").doesNotContainKey("mediaId");
            if (c.providerStatus() == null) {
                assertThat(payload).doesNotContainKey("providerStatus");
            } else {
                assertThat(((Number) payload.get("providerStatus")).intValue()).isEqualTo(c.providerStatus());
            }
            assertThat(answer.<String>path("instructionId")).isEqualTo(instruction);
            assertThat(answer.<List<String>>path("stagedCopiesRemoved")).contains(c.media());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> copies = (List<Map<String, Object>>) payload.get("copiesRemoved");
            assertThat(copies).anySatisfy(copy -> {
                assertThat(copy.get("key")).isEqualTo(copyKeyPrefix() + c.provider() + "/" + c.session() + "/"
                        + c.media());
                assertThat(copy.get("sha256")).isEqualTo(sha256);
                assertThat(((Number) copy.get("size")).longValue()).isPositive();
            });
            assertThat(c.providerCalls().getAsInt()).as(c.provider() + " delete calls").isEqualTo(
                    c.providerStatus() == null ? 0 : 1);

            // AND the session's receipts list it
            List<Map<String, String>> listed = given().when().get(path + "/receipts").then().statusCode(200)
                    .header("Cache-Control", "no-store").extract().path("receipts");
            assertThat(listed).anySatisfy(r -> assertThat(r).containsEntry("receipt", receipt));
        }
    }

    @Test
    void shouldAnswerTheSameReceiptForARepeatedInstructionWithOneProviderCall() throws Exception {
        String path = "/v1/yoti/sessions/" + YotiSandboxData.VIDEO;
        String instruction = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = given().header("Idempotency-Key", instruction).when().delete(path)
                .then().statusCode(200).extract();

        // WHEN the same instruction is given again
        ExtractableResponse<Response> again = given().header("Idempotency-Key", instruction).when().delete(path)
                .then().statusCode(200).extract();

        // THEN the same receipt, and the provider was asked once
        assertThat(again.<String>path("receipt")).isEqualTo(first.path("receipt"));
        assertThat(again.<String>path("receiptId")).isEqualTo(first.path("receiptId"));
        assertThat(yoti.deletions(YotiSandboxData.VIDEO)).isEqualTo(1);

        // AND another instruction is another delete: the provider says the session is gone, and that is its receipt
        ExtractableResponse<Response> other = given().header("Idempotency-Key", UUID.randomUUID().toString()).when()
                .delete(path).then().statusCode(404).contentType("application/problem+json").extract();
        assertThat(yoti.deletions(YotiSandboxData.VIDEO)).isEqualTo(2);
        JWKSet keys = JWKSet.parse(anonymous().when().get("/v1/receipts/jwks.json").then().extract().asString());
        assertThat(verified(keys, other.path("receipt"))).containsEntry("providerOutcome", "already-absent");

        // AND the session's receipts are listed oldest first
        List<String> ids = given().when().get(path + "/receipts").then().statusCode(200).extract()
                .path("receipts.receiptId");
        assertThat(ids).containsSubsequence(first.<String>path("receiptId"), other.<String>path("receiptId"));

        // AND one instruction id names one delete: given to another, it is refused without asking the provider
        given().header("Idempotency-Key", instruction).when().delete(path + "/media/" + YotiSandboxData.FRONT_PAGE)
                .then().statusCode(400).body("detail", containsString("Idempotency-Key"))
                .body("detail", not(containsString(instruction)));
        assertThat(yoti.deletions(YotiSandboxData.FRONT_PAGE)).isZero();
    }

    @Test
    void shouldKeepAReceiptOfADeleteTheProviderCannotDoAndReplayItsProblem() throws Exception {
        String path = "/v1/veriff/sessions/" + VeriffSandboxData.DECLINED + "/media/"
                + VeriffSandboxData.DECLINED_FACE;
        String instruction = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = given().header("Idempotency-Key", instruction).when().delete(path)
                .then().statusCode(501).body("type", equalTo("urn:idv-media:problem:not-supported-by-provider"))
                .extract();
        given().header("Idempotency-Key", instruction).when().delete(path).then().statusCode(501)
                .body("receiptId", equalTo(first.path("receiptId"))).body("receipt", equalTo(first.path("receipt")));

        JWKSet keys = JWKSet.parse(anonymous().when().get("/v1/receipts/jwks.json").then().extract().asString());
        assertThat(verified(keys, first.path("receipt"))).containsEntry("mediaId", VeriffSandboxData.DECLINED_FACE)
                .containsEntry("providerOutcome", "not-supported");
    }

    @Test
    void shouldRefuseABadInstructionIdOrAMissingGrantBeforeAnythingIsDeleted() {
        String path = "/v1/yoti/sessions/" + YotiSandboxData.UNKNOWN_TYPES;
        given().header("Idempotency-Key", "x".repeat(256)).when().delete(path).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("Idempotency-Key"));
        given().header("Idempotency-Key", "<script>alert(1)</script> with spaces").when().delete(path).then()
                .statusCode(400).body("detail", not(containsString("script")));
        assertThat(yoti.deletions(YotiSandboxData.UNKNOWN_TYPES)).isZero();
        assertThat(yoti.session(YotiSandboxData.UNKNOWN_TYPES)).isPresent();

        // get-receipts is its own grant operation
        String withoutReceipts = Grants.builder().provider("yoti").sessions(YotiSandboxData.UNKNOWN_TYPES)
                .operations("get-session", "delete-session").sign();
        Api.anonymous().header("Authorization", "Bearer " + withoutReceipts).when().get(path + "/receipts").then()
                .statusCode(403).body("detail", containsString("get-receipts"));
        Api.anonymous().when().get(path + "/receipts").then().statusCode(401);
        given().when().get("/v1/yoti/sessions/not-a-session/receipts").then().statusCode(400);
    }

    /** What the store's keys of staged copies begin with. */
    abstract String copyKeyPrefix();

    /** The receipt's payload, once its ES256 signature verified with the key its kid names. */
    static Map<String, Object> verified(JWKSet keys, String receipt) throws Exception {
        JWSObject jws = JWSObject.parse(receipt);
        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jws.getHeader().getType()).isEqualTo(new JOSEObjectType("idv-erasure-receipt+jws"));
        JWK key = keys.getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key).as("the receipt's kid in the published set").isNotNull();
        ECKey ec = key.toECKey();
        assertThat(jws.verify(new ECDSAVerifier(ec))).as("the receipt's signature").isTrue();
        return jws.getPayload().toJSONObject();
    }
}
