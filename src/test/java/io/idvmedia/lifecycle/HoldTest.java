package io.idvmedia.lifecycle;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.access.AuditLog;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Api;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Legal holds over HTTP, with the local store, against the Yoti sandbox. */
@QuarkusTest
class HoldTest {

    private static final String SESSION = "/v1/yoti/sessions/" + YotiSandboxData.COMPLETED;
    private static final String HOLD = SESSION + "/hold";
    private static final String REASON = "Regulator inquiry into account 4471";

    @Inject
    YotiSandboxData yoti;

    @BeforeEach
    @AfterEach
    void release() {
        yoti.reset();
        given().when().delete(HOLD).then().statusCode(200);
    }

    @Test
    void shouldRefuseEveryDeleteOfAHeldSessionBeforeAskingTheProviderAndAllowThemOnceReleased() {
        // GIVEN no hold
        given().when().get(HOLD).then().statusCode(200).body("held", equalTo(false)).body("reason", nullValue());

        // WHEN a hold is placed
        given().contentType("application/json").body("{\"reason\":\"" + REASON + "\",\"reference\":\"CASE-114\"}")
                .when().put(HOLD).then().statusCode(200).body("held", equalTo(true)).body("reason", equalTo(REASON))
                .body("reference", equalTo("CASE-114")).body("placedBy", equalTo("test-user-1"))
                .header("Cache-Control", "no-store");

        // THEN reading it says who placed it, why and when
        given().when().get(HOLD).then().statusCode(200).body("held", equalTo(true)).body("reason", equalTo(REASON))
                .body("placedBy", equalTo("test-user-1")).body("placedAt", not(nullValue()));
        // AND both deletes are refused with 409 session-held, naming neither the reason nor the reference, and the
        // provider is not asked
        given().when().delete(SESSION).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:idv-media:problem:session-held"))
                .body("detail", not(containsString("Regulator"))).body("detail", not(containsString("CASE-114")));
        given().when().delete(SESSION + "/media/" + YotiSandboxData.FRONT_PAGE).then().statusCode(409)
                .body("type", equalTo("urn:idv-media:problem:session-held"));
        assertThat(yoti.session(YotiSandboxData.COMPLETED)).as("the session at the provider").isPresent();
        assertThat(yoti.media(YotiSandboxData.COMPLETED, YotiSandboxData.FRONT_PAGE)).isPresent();
        assertThat(yoti.reads(YotiSandboxData.COMPLETED)).as("provider calls").isZero();

        // WHEN it is released, THEN it reads as none and a delete proceeds
        given().when().delete(HOLD).then().statusCode(200).body("held", equalTo(false));
        given().when().get(HOLD).then().statusCode(200).body("held", equalTo(false));
        given().when().delete(SESSION + "/media/" + YotiSandboxData.FRONT_PAGE).then().statusCode(200);
    }

    @Test
    void shouldAuditTheHoldsReasonAndReference() throws Exception {
        try (LogCapture audit = LogCapture.of(AuditLog.CATEGORY)) {
            given().contentType("application/json").body("{\"reason\":\"" + REASON + "\"}").when().put(HOLD).then()
                    .statusCode(200);

            JsonNode line = new ObjectMapper().readTree(audit.await("\"operation\":\"hold\"", "holdReason"));
            assertThat(line.get("holdReason").asText()).isEqualTo(REASON);
            assertThat(line.has("holdReference")).isFalse();
            assertThat(line.get("subject").asText()).isEqualTo("test-user-1");
        }
    }

    @Test
    void shouldRefuseABadHoldWithoutRepeatingItAndKeepNothing() {
        String secret = "<script>held</script>";
        for (String body : new String[] {"", "[]", "{\"reference\":\"x\"}", "{\"reason\":\"\"}",
            "{\"reason\":\"a\\nforged line " + secret + "\"}", "{\"reason\":\"" + "x".repeat(501) + "\"}",
            "{\"reason\":\"ok\",\"reference\":\"" + "y".repeat(201) + "\"}", "{\"reason\":\"ok\",\"other\":1}",
            "{\"reason\":7}", "not json " + secret}) {
            given().contentType("application/json").body(body).when().put(HOLD).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", not(containsString(secret)))
                    .body("detail", not(containsString("forged")));
        }
        given().when().get(HOLD).then().statusCode(200).body("held", equalTo(false));
    }

    @Test
    void shouldRefuseWithoutAGrantForHoldsBeforeTheStore() {
        Api.anonymous().contentType("application/json").body("{\"reason\":\"x\"}").when().put(HOLD).then()
                .statusCode(401);
        String withoutHold = Grants.builder().provider("yoti").sessions(YotiSandboxData.COMPLETED)
                .operations("get-session", "delete-session").sign();
        Api.anonymous().header("Authorization", "Bearer " + withoutHold).contentType("application/json")
                .body("{\"reason\":\"x\"}").when().put(HOLD).then().statusCode(403)
                .body("detail", containsString("hold"));
        given().when().get("/v1/yoti/sessions/not-a-session/hold").then().statusCode(400);
        given().when().get(HOLD).then().statusCode(200).body("held", equalTo(false));
    }
}
