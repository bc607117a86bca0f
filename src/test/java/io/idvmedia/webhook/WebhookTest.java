package io.idvmedia.webhook;

import static io.idvmedia.testing.Api.anonymous;
import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.access.AuditLog;
import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.SumsubSandboxData;
import io.idvmedia.sandbox.SandboxKeys;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.signing.HmacSha256;
import io.idvmedia.staging.InProcessJobQueue;
import io.idvmedia.staging.InProcessJobsProfile;
import io.idvmedia.staging.JobQueue;
import io.idvmedia.testing.Fixtures;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.Sandbox;
import io.idvmedia.testing.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider webhooks on the local server, whose jobs run in-process: authenticated the provider's way before
 * anything else, a completion stages the session's media before anyone asks for them, and a repeated webhook
 * downloads nothing again.
 */
@QuarkusTest
@TestProfile(InProcessJobsProfile.class)
class WebhookTest {

    @Inject
    JobQueue queue;

    private static final String PROBLEM = "urn:idv-media:problem:";
    private static final String APPROVED = VeriffSandboxData.APPROVED;
    private static final List<String> APPROVED_MEDIA = List.of(VeriffSandboxData.DOCUMENT_FRONT,
            VeriffSandboxData.DOCUMENT_BACK, VeriffSandboxData.FACE, VeriffSandboxData.SELFIE_VIDEO,
            VeriffSandboxData.NFC);

    @Inject
    VeriffSandboxData veriff;

    @Inject
    SandboxKeys keys;

    @Inject
    OnfidoSandboxData onfido;

    @BeforeEach
    void reset() throws IOException {
        veriff.reset();
        onfido.reset();
        Path dir = Path.of(InProcessJobsProfile.STAGED_DIR);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).filter(f -> !f.equals(dir)).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void shouldStageAVeriffSessionWhenItsDecisionArrivesSoThatTheFirstRequestFindsIt() throws Exception {
        Webhooks.postVeriff(Webhooks.veriffDecision(APPROVED, "approved"), keys.veriffSharedSecret())
                .statusCode(200).body("status", equalTo("queued"));

        JsonNode manifest = awaitManifest("veriff", APPROVED, Optional.empty());
        List<String> ids = new ArrayList<>();
        manifest.path("media").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(APPROVED_MEDIA);
        JsonNode video = item(manifest, VeriffSandboxData.SELFIE_VIDEO);
        String expected = Sandbox.sha256(GeneratedMedia.webm(8 * 1024 * 1024, VeriffSandboxData.VIDEO_SEED)).sha256();
        assertThat(video.path("sha256").asText()).isEqualTo(expected);
        assertThat(video.path("size").asLong()).isEqualTo(8 * 1024 * 1024);
        assertThat(video.path("contentType").asText()).isEqualTo("video/webm");
        assertThat(video.path("kind").asText()).isEqualTo("selfie_video");

        given().queryParam("delivery", "url").when()
                .get("/v1/veriff/sessions/" + APPROVED + "/media/" + VeriffSandboxData.SELFIE_VIDEO)
                .then().statusCode(200).body("sha256", equalTo(expected));
        assertThat(veriff.downloads(VeriffSandboxData.SELFIE_VIDEO)).as("only the job downloaded it").isEqualTo(1);
    }

    @Test
    void shouldDownloadNothingAgainWhenTheProviderRepeatsTheWebhook() throws Exception {
        String body = Webhooks.veriffDecision(APPROVED, "approved");
        Webhooks.postVeriff(body, keys.veriffSharedSecret()).statusCode(200).body("status", equalTo("queued"));
        String first = awaitManifest("veriff", APPROVED, Optional.empty()).path("writtenAt").asText();

        // The same webhook again (a provider's retry, a replay): acknowledged, nothing queued.
        Webhooks.postVeriff(body, keys.veriffSharedSecret()).statusCode(200).body("status", equalTo("duplicate"));
        // Another completion of the same session: queued, and its job downloads nothing already staged.
        String other = body.replace("customer-42", "customer-42-resent");
        Webhooks.postVeriff(other, keys.veriffSharedSecret()).statusCode(200).body("status", equalTo("queued"));
        awaitManifest("veriff", APPROVED, Optional.of(first));

        for (String id : APPROVED_MEDIA) {
            assertThat(veriff.downloads(id)).as("downloads of " + id).isEqualTo(1);
        }
    }

    @Test
    void shouldAcceptARotatedVeriffSecretAndOnlyAcknowledgeEventWebhooks() throws Exception {
        String event = "{\"id\":\"" + APPROVED + "\",\"attemptId\":\"f5c2c4d8-0000-4000-8000-000000000001\","
                + "\"feature\":\"selfid\",\"code\":7002,\"action\":\"submitted\",\"vendorData\":\"customer-42\"}";
        long accepted = ((InProcessJobQueue) queue).accepted();
        Webhooks.postVeriff(event, InProcessJobsProfile.ROTATED_SECRET).statusCode(200)
                .body("status", equalTo("acknowledged"));
        Webhooks.postVeriff(Webhooks.veriffDecision(APPROVED, "resubmission_requested"),
                InProcessJobsProfile.ROTATED_SECRET).statusCode(200).body("status", equalTo("acknowledged"));

        // A job is handed to the queue before the webhook is answered: none was.
        assertThat(((InProcessJobQueue) queue).accepted()).as("jobs queued").isEqualTo(accepted);
        assertThat(manifest("veriff", APPROVED)).isEmpty();
        assertThat(veriff.downloads(VeriffSandboxData.DOCUMENT_FRONT)).isZero();
    }

    @Test
    void shouldRefuseVeriffWebhooksWhoseAuthenticationIsWrongBeforeAnythingElse() throws Exception {
        String body = Webhooks.veriffDecision(APPROVED, "approved");
        String secret = keys.veriffSharedSecret();
        long accepted = ((InProcessJobQueue) queue).accepted();
        try (LogCapture audit = LogCapture.of(AuditLog.CATEGORY)) {
            refused(Webhooks.postVeriff(body, "not-the-secret"), "X-HMAC-SIGNATURE does not match");
            refused(anonymous().header("X-AUTH-CLIENT", Webhooks.VERIFF_API_KEY).contentType("application/json")
                    .body(body).when().post("/v1/veriff/webhooks").then(), "X-HMAC-SIGNATURE header is missing");
            refused(anonymous().header("X-AUTH-CLIENT", "someone-else")
                    .header("X-HMAC-SIGNATURE", HmacSha256.sign(secret, body))
                    .contentType("application/json").body(body).when().post("/v1/veriff/webhooks").then(),
                    "X-AUTH-CLIENT is not");
            refused(anonymous().header("X-AUTH-CLIENT", Webhooks.VERIFF_API_KEY)
                    .header("X-HMAC-SIGNATURE", HmacSha256.sign(secret, body + " "))
                    .contentType("application/json").body(body).when().post("/v1/veriff/webhooks").then(),
                    "does not match its body");
            audit.await("\"operation\":\"receive-webhook\"", "\"outcome\":\"denied\"",
                    "\"check\":\"webhook-unauthenticated\"", "\"status\":401");
        }
        assertThat(((InProcessJobQueue) queue).accepted()).as("jobs queued").isEqualTo(accepted);
        assertThat(manifest("veriff", APPROVED)).as("nothing was staged").isEmpty();
    }

    @Test
    void shouldAcceptYotiNotificationsWithTheTokenAsBasicOrBearer() throws Exception {
        Webhooks.postYoti(Webhooks.yotiNotification(YotiSandboxData.COMPLETED, "check_completion"),
                Webhooks.basic(Webhooks.YOTI_TOKEN)).statusCode(200).body("status", equalTo("acknowledged"));
        try (LogCapture audit = LogCapture.of(AuditLog.CATEGORY)) {
            Webhooks.postYoti(Webhooks.yotiNotification(YotiSandboxData.COMPLETED, "session_completion"),
                    "Bearer " + Webhooks.YOTI_TOKEN).statusCode(200).body("status", equalTo("queued"));
            audit.await("\"operation\":\"receive-webhook\"", "\"access\":\"webhook\"", "\"outcome\":\"completed\"",
                    "\"sessionId\":\"" + YotiSandboxData.COMPLETED + "\"");
        }
        JsonNode manifest = awaitManifest("yoti", YotiSandboxData.COMPLETED, Optional.empty());
        List<String> ids = new ArrayList<>();
        manifest.path("media").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).contains(YotiSandboxData.FRONT_PAGE, YotiSandboxData.BACK_PAGE)
                .doesNotContain(YotiSandboxData.EMPTY_ID_PHOTO);
    }

    @Test
    void shouldRefuseYotiNotificationsWithoutTheToken() {
        String body = Webhooks.yotiNotification(YotiSandboxData.COMPLETED, "session_completion");
        refused(anonymous().contentType("application/json").body(body).when().post("/v1/yoti/webhooks").then(),
                "Authorization header is missing");
        refused(Webhooks.postYoti(body, "Bearer sandbox-notification-tokem"), "not the notification token");
        refused(Webhooks.postYoti(body, Webhooks.basic("wrong")), "not the notification token");
        refused(Webhooks.postYoti(body, "Basic %%%not-base64"), "not the notification token");
        refused(Webhooks.postYoti(body, Webhooks.YOTI_TOKEN), "not the notification token");
    }

    @Test
    void shouldAnswer400ForMalformedBodiesAnd413ForLargeOnesWithoutEchoingThem() {
        String bearer = "Bearer " + Webhooks.YOTI_TOKEN;
        Webhooks.postYoti("<script>not json", bearer).statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "invalid-request"))
                .body("detail", not(containsString("script")));
        Webhooks.postYoti("{\"topic\":\"session_completion\"}", bearer).statusCode(400)
                .body("detail", containsString("session_id"));
        Webhooks.postYoti("{\"session_id\":\"../../etc\",\"topic\":\"session_completion\"}", bearer)
                .statusCode(400).body("detail", not(containsString("etc")));
        Webhooks.postVeriff("[1,2]", keys.veriffSharedSecret()).statusCode(400);
        String large = "{\"session_id\":\"" + YotiSandboxData.COMPLETED + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
        Webhooks.postYoti(large, bearer).statusCode(413).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "payload-too-large"));
        anonymous().contentType("application/json").body("{}").when().post("/v1/evil-provider/webhooks").then()
                .statusCode(404).body("detail", not(containsString("evil")));
    }

    @Test
    void shouldSendASandboxSessionsCompletionWebhookToTheApplication() throws Exception {
        anonymous().when().post("/sandbox/veriff/sessions/" + APPROVED + "/complete").then().statusCode(200)
                .body("webhookStatus", equalTo(200)).body("webhookAnswer.status", equalTo("queued"));
        awaitManifest("veriff", APPROVED, Optional.empty());
        anonymous().when().post("/sandbox/yoti/sessions/" + YotiSandboxData.COMPLETED + "/complete").then()
                .statusCode(200).body("webhookAnswer.status", equalTo("queued"));
        anonymous().when().post("/sandbox/veriff/sessions/" + VeriffSandboxData.IN_PROGRESS + "/complete").then()
                .statusCode(409);
    }

    @Test
    void shouldStageAnOnfidoRunWhenItsCompletionArrivesAndRefuseBadSignatures() throws Exception {
        String run = OnfidoSandboxData.APPROVED;
        String completed = Webhooks.onfidoEvent(run, "workflow_run.completed");
        refused(Webhooks.postOnfido(completed, "not-the-token"), "X-SHA2-Signature does not match");
        refused(anonymous().contentType("application/json").body(completed).when().post("/v1/onfido/webhooks")
                .then(), "X-SHA2-Signature header is missing");
        Webhooks.postOnfido(Webhooks.onfidoEvent(run, "workflow_run.started"), keys.onfidoWebhookToken())
                .statusCode(200).body("status", equalTo("acknowledged"));
        assertThat(manifest("onfido", run)).as("nothing was staged").isEmpty();

        Webhooks.postOnfido(completed, keys.onfidoWebhookToken()).statusCode(200).body("status", equalTo("queued"));

        JsonNode manifest = awaitManifest("onfido", run, Optional.empty());
        assertThat(manifest.path("media").size()).isEqualTo(7);
        JsonNode video = item(manifest, OnfidoSandboxData.LIVE_VIDEO);
        assertThat(video.path("sha256").asText()).isEqualTo(
                Sandbox.sha256(GeneratedMedia.mp4(8 * 1024 * 1024, OnfidoSandboxData.VIDEO_SEED)).sha256());
        assertThat(video.path("kind").asText()).isEqualTo("selfie_video");
        assertThat(item(manifest, OnfidoSandboxData.MOTION_CAPTURE).path("kind").asText())
                .isEqualTo("motion_capture");

        anonymous().when().post("/sandbox/onfido/sessions/" + run + "/complete").then().statusCode(200)
                .body("webhookStatus", equalTo(200)).body("webhookAnswer.status", equalTo("queued"));
        anonymous().when().post("/sandbox/onfido/sessions/" + OnfidoSandboxData.AWAITING_INPUT + "/complete").then()
                .statusCode(409);
    }

    @Test
    void shouldStageASumsubApplicantWhenItsReviewCompletesAndRefuseBadDigests() throws Exception {
        String applicant = SumsubSandboxData.APPROVED;
        String secret = keys.sumsubWebhookSecret();
        String reviewed = Webhooks.sumsubReviewed(applicant, "completed");
        // A digest with another secret, none, no algorithm or an algorithm Sumsub does not use: 401, nothing done
        refused(Webhooks.postSumsub(reviewed, "not-the-secret", "HMAC_SHA256_HEX", "HmacSHA256"),
                "X-Payload-Digest does not match");
        refused(Webhooks.postSumsub(reviewed, secret, null, "HmacSHA256"), "X-Payload-Digest-Alg header is missing");
        refused(Webhooks.postSumsub(reviewed, secret, "HMAC_MD5_HEX", "HmacMD5"), "names no algorithm accepted");
        refused(Webhooks.postSumsub(reviewed, secret, "HMAC_SHA512_HEX", "HmacSHA256"),
                "X-Payload-Digest does not match");
        refused(anonymous().contentType("application/json").header("X-Payload-Digest-Alg", "HMAC_SHA256_HEX")
                .body(reviewed).when().post("/v1/sumsub/webhooks").then(), "X-Payload-Digest header is missing");
        // A review still pending is acknowledged only
        Webhooks.postSumsub(Webhooks.sumsubReviewed(applicant, "pending"), secret, "HMAC_SHA1_HEX", "HmacSHA1")
                .statusCode(200).body("status", equalTo("acknowledged"));
        assertThat(manifest("sumsub", applicant)).as("nothing was staged").isEmpty();

        // WHEN the completed review arrives, digested by SHA-512
        Webhooks.postSumsub(reviewed, secret, "HMAC_SHA512_HEX", "HmacSHA512").statusCode(200)
                .body("status", equalTo("queued"));

        // THEN every image and the video are staged, deactivated ones too
        JsonNode manifest = awaitManifest("sumsub", applicant, Optional.empty());
        assertThat(manifest.path("media").size()).isEqualTo(6);
        JsonNode video = item(manifest, SumsubSandboxData.VIDEO);
        assertThat(video.path("sha256").asText()).isEqualTo(
                Sandbox.sha256(GeneratedMedia.mp4(8 * 1024 * 1024, SumsubSandboxData.VIDEO_SEED)).sha256());
        assertThat(video.path("kind").asText()).isEqualTo("selfie_video");
        assertThat(item(manifest, SumsubSandboxData.DECLINED).path("kind").asText()).isEqualTo("document_page");

        // AND the sandbox sends the same webhook its way
        anonymous().when().post("/sandbox/sumsub/sessions/" + applicant + "/complete").then().statusCode(200)
                .body("webhookStatus", equalTo(200));
        anonymous().when().post("/sandbox/sumsub/sessions/" + SumsubSandboxData.PENDING + "/complete").then()
                .statusCode(409);
    }

    private static void refused(ValidatableResponse response, String detail) {
        response.statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "webhook-unauthenticated"))
                .body("detail", containsString(detail))
                .body("detail", not(containsString(Webhooks.YOTI_TOKEN)));
    }

    private static JsonNode item(JsonNode manifest, String id) {
        for (JsonNode m : manifest.path("media")) {
            if (m.path("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError(id + " is not in the manifest " + manifest);
    }

    private static Optional<JsonNode> manifest(String provider, String sessionId) throws IOException {
        Path file = Path.of(InProcessJobsProfile.STAGED_DIR, provider, sessionId, "session.manifest.json");
        return Files.exists(file) ? Optional.of(Fixtures.json(Files.readAllBytes(file))) : Optional.empty();
    }

    /** The session's manifest once a job has written it (one written after {@code after}, when given). */
    private static JsonNode awaitManifest(String provider, String sessionId, Optional<String> after)
            throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<JsonNode> manifest = manifest(provider, sessionId);
            if (manifest.isPresent() && after.map(a -> !a.equals(manifest.get().path("writtenAt").asText()))
                    .orElse(true)) {
                return manifest.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No manifest for " + provider + " session " + sessionId);
    }
}
