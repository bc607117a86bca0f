package io.idvmedia.staging;

import static io.idvmedia.testing.LambdaEvents.anonymousApiGateway;
import static io.idvmedia.testing.LambdaEvents.apiGateway;
import static io.idvmedia.testing.LambdaEvents.invoke;
import static io.idvmedia.testing.LambdaEvents.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.access.AuditLog;
import io.idvmedia.lambda.GetMediaHandler;
import io.idvmedia.lambda.ReceiveWebhookHandler;
import io.idvmedia.sandbox.SandboxKeys;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.ElasticMqResource;
import io.idvmedia.testing.Fixtures;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.S3ProxyResource;
import io.idvmedia.testing.SqsJobs;
import io.idvmedia.testing.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Webhooks and staging jobs as deployed: a webhook's job is sent to a real SQS server (ElasticMQ), received, and fed
 * to the stage-session function as an SQS event, which stages into a real S3 server (S3Proxy); get-media through API
 * Gateway answers 202 for a large media and queues its staging.
 */
@QuarkusTest
@TestProfile(SqsJobsProfile.class)
@WithTestResource(S3ProxyResource.class)
@WithTestResource(ElasticMqResource.class)
class SqsStagingTest {

    private static final String APPROVED = VeriffSandboxData.APPROVED;
    private static final String MEDIA_ROUTE = "/v1/{provider}/sessions/{sessionId}/media/{mediaId}";

    @ElasticMqResource.InjectSqs
    SqsClient sqs;

    @ElasticMqResource.InjectSqs
    String queueUrl;

    @S3ProxyResource.InjectS3
    S3Client s3;

    @Inject
    VeriffSandboxData veriff;

    @Inject
    YotiSandboxData yoti;

    @Inject
    SandboxKeys keys;

    @Inject
    GetMediaHandler getMedia;

    @Inject
    ReceiveWebhookHandler receiveWebhook;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void clean() {
        veriff.reset();
        SqsJobs.drain(sqs, queueUrl);
        s3.listObjectsV2Paginator(b -> b.bucket(S3ProxyResource.BUCKET)).contents()
                .forEach(o -> s3.deleteObject(b -> b.bucket(S3ProxyResource.BUCKET).key(o.key())));
    }

    @Test
    void shouldQueueAWebhooksJobAndStageTheSessionFromTheSqsEvent() {
        Webhooks.postVeriff(Webhooks.veriffDecision(APPROVED, "approved"), keys.veriffSharedSecret())
                .statusCode(200).body("status", equalTo("queued"));

        List<Message> messages = SqsJobs.receive(sqs, queueUrl, 5);
        assertThat(messages).hasSize(1);
        JsonNode job = Fixtures.json(messages.get(0).body().getBytes(StandardCharsets.UTF_8));
        assertThat(job.path("provider").asText()).isEqualTo("veriff");
        assertThat(job.path("sessionId").asText()).isEqualTo(APPROVED);
        assertThat(job.path("reason").asText()).isEqualTo("webhook:approved");
        assertThat(job.path("archive").asBoolean()).as("a completed session's copies are for keeping").isTrue();

        JsonNode answer = invoke(SqsJobs.event(messages));
        assertThat(answer.path("batchItemFailures").isArray()).isTrue();
        assertThat(answer.path("batchItemFailures")).isEmpty();
        JsonNode manifest = sessionManifest("veriff", APPROVED);
        assertThat(manifest.path("media")).hasSize(5);
        assertThat(veriff.downloads(VeriffSandboxData.SELFIE_VIDEO)).isEqualTo(1);

        // A redelivered message (SQS delivers at least once) downloads nothing again.
        assertThat(invoke(SqsJobs.event(messages)).path("batchItemFailures")).isEmpty();
        assertThat(veriff.downloads(VeriffSandboxData.SELFIE_VIDEO)).isEqualTo(1);
        assertThat(SqsJobs.receive(sqs, queueUrl, 0)).as("nothing was left to continue").isEmpty();
    }

    @Test
    void shouldReportAFailingJobAsABatchItemFailureAndConsumeOnesThatCannotSucceed() {
        Message declined = SqsJobs.message("m-declined", job("veriff", VeriffSandboxData.DECLINED));
        Message approved = SqsJobs.message("m-approved", job("veriff", APPROVED));
        Message malformed = SqsJobs.message("m-malformed", "{\"provider\":\"veriff\"}");
        Message unknown = SqsJobs.message("m-unknown", job("veriff", "0b1d4e50-0000-4000-8000-00000000dead"));

        JsonNode answer = invoke(SqsJobs.event(List.of(declined, approved, malformed, unknown)));

        List<String> failed = new ArrayList<>();
        answer.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        assertThat(failed).containsExactly("m-declined");
        JsonNode manifest = sessionManifest("veriff", VeriffSandboxData.DECLINED);
        List<String> staged = new ArrayList<>();
        manifest.path("media").forEach(m -> staged.add(m.path("id").asText()));
        assertThat(staged).contains(VeriffSandboxData.DECLINED_FACE).doesNotContain(VeriffSandboxData.BADLY_SIGNED,
                VeriffSandboxData.BROKEN_VIDEO, VeriffSandboxData.BADLY_SIGNED_VIDEO);
        assertThat(sessionManifest("veriff", APPROVED).path("media")).hasSize(5);
    }

    @Test
    void shouldQueueNothingForAWebhookThatFailsAuthentication() {
        Webhooks.postVeriff(Webhooks.veriffDecision(APPROVED, "approved"), "not-the-secret").statusCode(401);
        Webhooks.postYoti(Webhooks.yotiNotification(YotiSandboxData.COMPLETED, "session_completion"),
                "Bearer wrong").statusCode(401);

        assertThat(SqsJobs.receive(sqs, queueUrl, 2)).isEmpty();
    }

    @Test
    void shouldReceiveWebhooksThroughTheLambdaHandler() {
        ObjectNode yoti = webhookEvent("yoti", Webhooks.yotiNotification(YotiSandboxData.COMPLETED,
                "session_completion"), Map.of("Authorization", Webhooks.basic(Webhooks.YOTI_TOKEN)));
        ObjectNode refused = webhookEvent("yoti", Webhooks.yotiNotification(YotiSandboxData.COMPLETED,
                "session_completion"), Map.of("Authorization", Webhooks.basic("forged-token-7731")));

        @SuppressWarnings("unchecked")
        Map<String, Object> accepted = (Map<String, Object>) receiveWebhook.handleRequest(yoti, SqsJobs.context());
        @SuppressWarnings("unchecked")
        Map<String, Object> denied = (Map<String, Object>) receiveWebhook.handleRequest(refused, SqsJobs.context());

        assertThat(accepted.get("statusCode")).isEqualTo(200);
        assertThat((String) accepted.get("body")).contains("\"queued\"");
        assertThat(denied.get("statusCode")).isEqualTo(401);
        assertThat((String) denied.get("body")).contains("webhook-unauthenticated")
                .doesNotContain("forged-token-7731").doesNotContain("Zm9yZ2Vk");
        List<Message> messages = SqsJobs.receive(sqs, queueUrl, 5);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).body()).contains(YotiSandboxData.COMPLETED);

        // The Yoti session's job, through the stage-session function, into S3.
        assertThat(invoke(SqsJobs.event(messages)).path("batchItemFailures")).isEmpty();
        List<String> staged = new ArrayList<>();
        sessionManifest("yoti", YotiSandboxData.COMPLETED).path("media")
                .forEach(m -> staged.add(m.path("id").asText()));
        assertThat(staged).contains(YotiSandboxData.FRONT_PAGE, YotiSandboxData.BACK_PAGE)
                .doesNotContain(YotiSandboxData.EMPTY_ID_PHOTO);
    }

    @Test
    void shouldAnswer202ForALargeUnstagedMediaThroughApiGatewayThenTheUrlOnceStaged() {
        ObjectNode event = apiGateway("GET", MEDIA_ROUTE, path("veriff", APPROVED, VeriffSandboxData.SELFIE_VIDEO),
                Map.of("delivery", "url"), Map.of());

        Map<String, Object> first = answer(event);

        assertThat(first.get("statusCode")).isEqualTo(202);
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) first.get("headers");
        assertThat(Long.parseLong(headers.get("Retry-After"))).isBetween(2L, 60L);
        JsonNode body = Fixtures.json(((String) first.get("body")).getBytes(StandardCharsets.UTF_8));
        assertThat(body.path("status").asText()).isEqualTo("staging");
        assertThat(body.path("retryAfterSeconds").asLong()).isEqualTo(Long.parseLong(headers.get("Retry-After")));
        assertThat(veriff.downloads(VeriffSandboxData.SELFIE_VIDEO)).as("nothing staged in the request").isZero();

        List<Message> messages = SqsJobs.receive(sqs, queueUrl, 5);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).body()).contains(VeriffSandboxData.SELFIE_VIDEO).contains("get-media");
        assertThat(invoke(SqsJobs.event(messages)).path("batchItemFailures")).isEmpty();

        Map<String, Object> second = answer(event);
        assertThat(second.get("statusCode")).isEqualTo(200);
        assertThat((String) second.get("body")).contains("X-Amz-Signature");
        assertThat(veriff.downloads(VeriffSandboxData.SELFIE_VIDEO)).isEqualTo(1);

        // A small media is staged within the request, as before; a redirect of the large one finds the copy.
        Map<String, Object> small = answer(apiGateway("GET", MEDIA_ROUTE, path("veriff", APPROVED,
                VeriffSandboxData.FACE), Map.of("delivery", "url"), Map.of()));
        assertThat(small.get("statusCode")).isEqualTo(200);
        assertThat(answer(apiGateway("GET", MEDIA_ROUTE, path("veriff", APPROVED, VeriffSandboxData.SELFIE_VIDEO),
                Map.of(), Map.of())).get("statusCode")).isEqualTo(303);
        assertThat(SqsJobs.receive(sqs, queueUrl, 1)).isEmpty();
    }

    @Test
    void shouldStageEachMediaOnceAndReadTheSessionOnceForAWebhookSentFiveTimesAtOnceAndThreeTimesLater()
            throws Exception {
        // GIVEN one signed Yoti completion, as a provider retrying and duplicating it (or a replay) sends it
        yoti.reset();
        String body = Webhooks.yotiNotification(YotiSandboxData.COMPLETED, "session_completion");
        String authorization = Webhooks.basic(Webhooks.YOTI_TOKEN);
        List<String> statuses = new CopyOnWriteArrayList<>();
        try (LogCapture audit = LogCapture.of(AuditLog.CATEGORY)) {
            // WHEN it arrives five times at once, then three times more
            ExecutorService senders = Executors.newFixedThreadPool(5);
            try {
                List<Future<?>> sent = new ArrayList<>();
                CountDownLatch start = new CountDownLatch(1);
                for (int i = 0; i < 5; i++) {
                    sent.add(senders.submit(() -> {
                        start.await();
                        statuses.add(Webhooks.postYoti(body, authorization).statusCode(200).extract()
                                .path("status"));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : sent) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                senders.shutdownNow();
            }
            for (int i = 0; i < 3; i++) {
                statuses.add(Webhooks.postYoti(body, authorization).statusCode(200).extract().path("status"));
            }

            // THEN each is acknowledged, one job is queued and the others are audited as duplicates
            assertThat(statuses).hasSize(8).containsOnly("queued", "duplicate");
            assertThat(statuses.stream().filter("queued"::equals)).hasSize(1);
            List<Message> messages = SqsJobs.receive(sqs, queueUrl, 5);
            assertThat(messages).hasSize(1);
            audit.await("\"operation\":\"receive-webhook\"", "\"outcome\":\"duplicate\"");
            assertThat(audit.lines().stream().filter(l -> l.contains("\"outcome\":\"duplicate\""))).hasSize(7);

            // AND the one job reads the session once and downloads each media once
            assertThat(invoke(SqsJobs.event(messages)).path("batchItemFailures")).isEmpty();
        }
        assertThat(yoti.reads(YotiSandboxData.COMPLETED)).as("session reads").isEqualTo(1);
        for (String media : List.of(YotiSandboxData.FRONT_PAGE, YotiSandboxData.BACK_PAGE,
                YotiSandboxData.DOCUMENT_FIELDS, YotiSandboxData.TEXT_EXTRACTION, YotiSandboxData.LIVENESS_FRAME_1,
                YotiSandboxData.LIVENESS_FRAME_2, YotiSandboxData.LIVENESS_FRAME_3, YotiSandboxData.FACEMAP)) {
            assertThat(yoti.reads(media)).as("downloads of " + media).isEqualTo(1);
        }
        assertThat(SqsJobs.receive(sqs, queueUrl, 1)).isEmpty();
    }

    @Test
    void shouldQueueOneStagingForTenConcurrentRequestsOfALargeUnstagedMedia() throws Exception {
        // GIVEN a media too large to stage within an API Gateway request
        ObjectNode event = apiGateway("GET", MEDIA_ROUTE, path("veriff", APPROVED, VeriffSandboxData.SELFIE_VIDEO),
                Map.of("delivery", "url"), Map.of());

        // WHEN ten callers ask for it at once
        ExecutorService callers = Executors.newFixedThreadPool(10);
        List<Future<Map<String, Object>>> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 10; i++) {
                answers.add(callers.submit(() -> {
                    start.await();
                    return answer(event.deepCopy());
                }));
            }
            start.countDown();
            // THEN each is told to come back, and one staging job is queued
            for (Future<Map<String, Object>> a : answers) {
                assertThat(a.get(30, TimeUnit.SECONDS).get("statusCode")).isEqualTo(202);
            }
        } finally {
            callers.shutdownNow();
        }
        List<Message> messages = SqsJobs.receive(sqs, queueUrl, 5);
        assertThat(messages).hasSize(1);
        assertThat(SqsJobs.receive(sqs, queueUrl, 1)).isEmpty();

        // AND once it ran, the media was downloaded once, and a later 202 could queue again
        assertThat(invoke(SqsJobs.event(messages)).path("batchItemFailures")).isEmpty();
        assertThat(veriff.downloads(VeriffSandboxData.SELFIE_VIDEO)).isEqualTo(1);
        assertThat(answer(event).get("statusCode")).isEqualTo(200);
    }

    @Test
    void shouldAnswer202WhenTooLittleOfTheRequestsTimeIsLeft() {
        Context hurried = Mockito.mock(Context.class);
        Mockito.when(hurried.getAwsRequestId()).thenReturn("hurried-request");
        Mockito.when(hurried.getRemainingTimeInMillis()).thenReturn(3_000);

        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) getMedia.handleRequest(apiGateway("GET", MEDIA_ROUTE,
                path("veriff", APPROVED, VeriffSandboxData.FACE), Map.of("delivery", "url"), Map.of()), hurried);

        assertThat(answer.get("statusCode")).isEqualTo(202);
        assertThat(SqsJobs.receive(sqs, queueUrl, 5)).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> answer(ObjectNode event) {
        return (Map<String, Object>) getMedia.handleRequest(event, SqsJobs.context());
    }

    private static ObjectNode webhookEvent(String provider, String body, Map<String, String> headers) {
        ObjectNode event = anonymousApiGateway("POST", "/v1/{provider}/webhooks", Map.of("provider", provider),
                Map.of(), headers);
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        return event;
    }

    private static String job(String provider, String sessionId) {
        return "{\"provider\":\"" + provider + "\",\"sessionId\":\"" + sessionId + "\",\"reason\":\"test\"}";
    }

    private JsonNode sessionManifest(String provider, String sessionId) {
        try {
            return Fixtures.json(s3.getObject(b -> b.bucket(S3ProxyResource.BUCKET).key("staged/" + provider + "/"
                    + sessionId + "/session.manifest.json"), ResponseTransformer.toBytes()).asByteArray());
        } catch (NoSuchKeyException e) {
            throw new AssertionError("No manifest for " + provider + " session " + sessionId, e);
        }
    }
}
