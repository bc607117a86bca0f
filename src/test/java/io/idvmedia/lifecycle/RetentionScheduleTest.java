package io.idvmedia.lifecycle;

import static io.idvmedia.testing.Api.anonymous;
import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import io.idvmedia.sandbox.YotiSandboxData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's own purge runs: a session due by retention is deleted by the scheduled run, nobody asking. */
@QuarkusTest
@TestProfile(RetentionScheduleTest.Scheduled.class)
class RetentionScheduleTest {

    /** Yoti's sessions due at once; a purge run every second. */
    public static class Scheduled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.retention.yoti", "PT0S", "idv.retention.interval", "PT1S",
                    "idv.media.local.dir", RetentionContract.freshStore());
        }
    }

    @Inject
    YotiSandboxData yoti;

    @Test
    void shouldDeleteADueSessionAtTheProviderAndInTheStoreOnItsOwnSchedule() throws Exception {
        String session = "/v1/yoti/sessions/" + YotiSandboxData.VIEWER;
        // GIVEN a staged copy of a completed session's media
        given().queryParam("delivery", "url").when().get(session + "/media/" + YotiSandboxData.VIEWER_PAGE).then()
                .statusCode(200);

        // WHEN its completion webhook arrives
        anonymous().when().post("/sandbox/yoti/sessions/" + YotiSandboxData.VIEWER + "/complete").then()
                .statusCode(200);

        // THEN a scheduled run deletes it at the provider, with a receipt requested by retention that lists the copy
        RetentionContract.await(() -> yoti.session(YotiSandboxData.VIEWER).isEmpty(), "the scheduled purge");
        RetentionContract.await(() -> !given().when().get(session + "/receipts").then().extract()
                .<List<String>>path("receipts.receipt").isEmpty(), "the receipt");
        String receipt = given().when().get(session + "/receipts").then().statusCode(200).extract()
                .path("receipts[0].receipt");
        JWKSet keys = JWKSet.parse(anonymous().when().get("/v1/receipts/jwks.json").then().extract().asString());
        Map<String, Object> payload = ReceiptContract.verified(keys, receipt);
        assertThat(payload).containsEntry("requestedBy", "retention").containsEntry("providerOutcome", "deleted");
        assertThat(payload.get("copiesRemoved").toString()).contains(YotiSandboxData.VIEWER_PAGE);
        // AND the copy is gone from the store
        given().queryParam("delivery", "url").when().get(session + "/media/" + YotiSandboxData.VIEWER_PAGE).then()
                .statusCode(404);
    }
}
