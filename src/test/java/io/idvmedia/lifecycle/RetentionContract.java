package io.idvmedia.lifecycle;

import static io.idvmedia.testing.Api.anonymous;
import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.jwk.JWKSet;
import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.SumsubSandboxData;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention against every provider's sandbox, with the store a subclass chooses: sessions registered by their
 * completion webhooks are purged at the provider and in the store once due, with receipts requested by
 * {@code retention}; a held session survives until released; a dry run deletes nothing; a run does at most its share.
 */
abstract class RetentionContract extends EverySandbox {

    private static final Map<String, String> SESSIONS = new LinkedHashMap<>();

    static {
        SESSIONS.put("yoti", YotiSandboxData.COMPLETED);
        SESSIONS.put("veriff", VeriffSandboxData.APPROVED);
        SESSIONS.put("onfido", OnfidoSandboxData.APPROVED);
        SESSIONS.put("sumsub", SumsubSandboxData.APPROVED);
    }

    /**
     * Every provider's sessions due a second after completion; runs only when the test asks (the interval is long);
     * a local store of its own.
     */
    public static class Retention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.retention.yoti", "PT1S", "idv.retention.veriff", "PT1S", "idv.retention.onfido",
                    "PT1S", "idv.retention.sumsub", "PT1S", "idv.retention.interval", "PT1H",
                    "idv.media.local.dir", freshStore());
        }
    }

    @Inject
    RetentionPurge purge;

    @Inject
    SessionRegistry registry;

    @BeforeEach
    void releaseHolds() {
        SESSIONS.forEach((provider, session) -> given().when().delete(hold(provider, session)).then()
                .statusCode(200));
    }

    @Test
    void shouldPassHeldSessionsOverAndPurgeThemOnceReleased() throws Exception {
        // GIVEN each provider's session completed (its webhook registers it), and each under a legal hold
        SESSIONS.forEach((provider, session) -> anonymous().when().post("/sandbox/" + provider + "/sessions/"
                + session + "/complete").then().statusCode(200).body("webhookStatus", equalTo(200)));
        for (Map.Entry<String, String> s : SESSIONS.entrySet()) {
            assertThat(registry.find(s.getKey(), s.getValue())).as(s.getKey()).get()
                    .satisfies(r -> assertThat(r.completedAt()).isNotNull());
            given().contentType("application/json").body("{\"reason\":\"Court order\"}").when()
                    .put(hold(s.getKey(), s.getValue())).then().statusCode(200);
        }
        Thread.sleep(1100);

        // WHEN a purge runs, THEN it passes every held session over, and asks no provider anything
        PurgeReport held = purge.run();
        assertThat(held.deleted()).isEmpty();
        assertThat(held.held()).containsExactlyInAnyOrderElementsOf(SESSIONS.entrySet().stream()
                .map(e -> e.getKey() + "/" + e.getValue()).toList());
        // AND a delete of any of them is refused, the provider not asked either
        SESSIONS.forEach((provider, session) -> given().when().delete("/v1/" + provider + "/sessions/" + session)
                .then().statusCode(409).body("type", equalTo("urn:idv-media:problem:session-held")));
        assertThat(yoti.deletions(YotiSandboxData.COMPLETED) + veriff.deletions(VeriffSandboxData.APPROVED)
                + onfido.deletions(OnfidoSandboxData.APPROVED_APPLICANT)).isZero();
        assertThat(yoti.session(YotiSandboxData.COMPLETED)).isPresent();
        assertThat(veriff.session(VeriffSandboxData.APPROVED)).isPresent();
        assertThat(onfido.run(OnfidoSandboxData.APPROVED)).isPresent();

        // WHEN the holds are released, THEN the next run deletes every session at its provider (Sumsub offers no
        // erasure: its copies go, and its receipt says not-supported), each with a receipt requested by retention
        SESSIONS.forEach((provider, session) -> given().when().delete(hold(provider, session)).then()
                .statusCode(200));
        PurgeReport released = purge.run();
        assertThat(released.dryRun()).isFalse();
        assertThat(released.deleted()).containsExactlyInAnyOrderElementsOf(held.held());
        assertThat(released.held()).isEmpty();
        assertThat(yoti.session(YotiSandboxData.COMPLETED)).isEmpty();
        assertThat(veriff.session(VeriffSandboxData.APPROVED)).isEmpty();
        assertThat(onfido.run(OnfidoSandboxData.APPROVED)).isEmpty();
        assertThat(yoti.deletions(YotiSandboxData.COMPLETED)).isEqualTo(1);
        JWKSet keys = JWKSet.parse(anonymous().when().get("/v1/receipts/jwks.json").then().extract().asString());
        Map<String, String> outcomes = Map.of("yoti", "deleted", "veriff", "deleted", "onfido", "deleted",
                "sumsub", "not-supported");
        for (Map.Entry<String, String> expected : outcomes.entrySet()) {
            String receipt = lastReceipt(expected.getKey(), SESSIONS.get(expected.getKey()));
            assertThat(ReceiptContract.verified(keys, receipt)).containsEntry("requestedBy", "retention")
                    .containsEntry("providerOutcome", expected.getValue())
                    .containsEntry("instructionId", "retention:" + expected.getKey() + ":"
                            + SESSIONS.get(expected.getKey()));
        }
        assertThat(registry.find("yoti", YotiSandboxData.COMPLETED)).get()
                .satisfies(r -> assertThat(r.state()).isEqualTo("deleted"))
                .satisfies(r -> assertThat(released.receipts()).contains(r.receiptId()));
        // AND a second run finds nothing more to do
        PurgeReport again = purge.run();
        assertThat(again.deleted()).isEmpty();
        assertThat(again.held()).isEmpty();
    }

    @Test
    void shouldListButDeleteNothingInADryRunAndDoAtMostItsShareInARealOne() throws Exception {
        registry.seen("yoti", YotiSandboxData.UNKNOWN_TYPES, true);
        registry.seen("veriff", VeriffSandboxData.DECLINED, true);
        Thread.sleep(20);
        Map<String, Duration> now = Map.of("yoti", Duration.ZERO, "veriff", Duration.ZERO);

        // WHEN a dry run goes, THEN it lists both and deletes nothing
        PurgeReport dry = purge.run(now, true, 100);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.deleted()).contains("yoti/" + YotiSandboxData.UNKNOWN_TYPES,
                "veriff/" + VeriffSandboxData.DECLINED);
        assertThat(dry.receipts()).isEmpty();
        assertThat(yoti.session(YotiSandboxData.UNKNOWN_TYPES)).isPresent();
        assertThat(veriff.session(VeriffSandboxData.DECLINED)).isPresent();
        assertThat(yoti.deletions(YotiSandboxData.UNKNOWN_TYPES) + veriff.deletions(VeriffSandboxData.DECLINED))
                .isZero();
        // AND its metrics say what was due, per provider, as a dry run
        assertThat(anonymous().when().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("idv_retention_sessions_total\\{[^}]*mode=\"dry-run\",outcome=\"due\","
                        + "provider=\"yoti\"[^}]*\\} [1-9]");

        // WHEN a real run may delete one session, THEN it deletes the oldest and leaves the other due
        PurgeReport one = purge.run(now, false, 1);
        assertThat(one.deleted()).hasSize(1);
        assertThat(one.leftDue()).isNotEmpty();
        PurgeReport rest = purge.run(now, false, 100);
        assertThat(rest.deleted()).hasSize(1).doesNotContainAnyElementsOf(one.deleted());
        assertThat(yoti.session(YotiSandboxData.UNKNOWN_TYPES)).isEmpty();
        assertThat(veriff.session(VeriffSandboxData.DECLINED)).isEmpty();
    }

    private static String hold(String provider, String session) {
        return "/v1/" + provider + "/sessions/" + session + "/hold";
    }

    private static String lastReceipt(String provider, String session) {
        List<String> receipts = given().when().get("/v1/" + provider + "/sessions/" + session + "/receipts").then()
                .statusCode(200).extract().path("receipts.receipt");
        assertThat(receipts).as(provider + " receipts").isNotEmpty();
        return receipts.get(receipts.size() - 1);
    }

    /** A store of its own for a profile: what other tests registered is not due here. */
    static String freshStore() {
        try {
            return Files.createTempDirectory(Path.of("target"), "retention-store-").toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + ": not within 20 s");
            }
            Thread.sleep(100);
        }
    }
}
