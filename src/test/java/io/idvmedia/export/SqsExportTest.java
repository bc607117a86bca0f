package io.idvmedia.export;

import static io.idvmedia.testing.LambdaEvents.apiGateway;
import static io.idvmedia.testing.LambdaEvents.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.lambda.ExportSessionHandler;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.staging.SqsJobsProfile;
import io.idvmedia.testing.ElasticMqResource;
import io.idvmedia.testing.Exports;
import io.idvmedia.testing.Fixtures;
import io.idvmedia.testing.S3ProxyResource;
import io.idvmedia.testing.SqsJobs;
import io.idvmedia.testing.StoredCopies;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * export-session as deployed: through API Gateway it answers 202 and queues one job of kind export on SQS
 * (ElasticMQ), which the stage-session function builds into S3 (S3Proxy); then the URL. A direct invocation exports
 * in place.
 */
@QuarkusTest
@TestProfile(SqsJobsProfile.class)
@WithTestResource(S3ProxyResource.class)
@WithTestResource(ElasticMqResource.class)
class SqsExportTest {

    private static final String ROUTE = "/v1/{provider}/sessions/{sessionId}/export";
    private static final String APPROVED = VeriffSandboxData.APPROVED;

    @ElasticMqResource.InjectSqs
    SqsClient sqs;

    @ElasticMqResource.InjectSqs
    String queueUrl;

    @S3ProxyResource.InjectS3
    S3Client s3;

    @Inject
    VeriffSandboxData veriff;

    @Inject
    ExportSessionHandler export;

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
    void shouldAnswer202AndQueueOneExportJobThenRedirectToTheStagedZip() throws Exception {
        ObjectNode event = apiGateway("GET", ROUTE, Map.of("provider", "veriff", "sessionId", APPROVED), Map.of(),
                Map.of());

        // WHEN the export is asked for through API Gateway, twice, before it is staged
        Map<String, Object> first = answer(event);
        Map<String, Object> again = answer(event);

        // THEN each is a 202 with Retry-After, nothing is downloaded within the requests, and one job is queued
        for (Map<String, Object> accepted : List.of(first, again)) {
            assertThat(accepted.get("statusCode")).isEqualTo(202);
            assertThat(headers(accepted).get("Retry-After")).isEqualTo("10");
            assertThat((String) accepted.get("body")).contains("\"status\":\"staging\"");
        }
        assertThat(veriff.downloads(VeriffSandboxData.SELFIE_VIDEO)).isZero();
        List<Message> messages = SqsJobs.receive(sqs, queueUrl, 5);
        assertThat(messages).hasSize(1);
        JsonNode job = Fixtures.json(messages.get(0).body().getBytes(StandardCharsets.UTF_8));
        assertThat(job.path("kind").asText()).isEqualTo("export");
        assertThat(job.path("sessionId").asText()).isEqualTo(APPROVED);
        assertThat(job.path("requestedBy").asText()).isEqualTo("test-user-1");

        // WHEN the stage-session function runs the job from its SQS event
        assertThat(invoke(SqsJobs.event(messages)).path("batchItemFailures")).isEmpty();

        // THEN the export is staged once, and asked for again it is a 303 to it (or its URL JSON)
        assertThat(veriff.downloads(VeriffSandboxData.SELFIE_VIDEO)).isEqualTo(1);
        Map<String, Object> redirect = answer(event);
        assertThat(redirect.get("statusCode")).isEqualTo(303);
        assertThat(headers(redirect).get("Location")).contains("X-Amz-Signature=").contains("/export.zip");
        Map<String, Object> url = answer(apiGateway("GET", ROUTE, Map.of("provider", "veriff", "sessionId",
                APPROVED), Map.of("delivery", "url"), Map.of()));
        assertThat(url.get("statusCode")).isEqualTo(200);
        JsonNode body = Fixtures.json(((String) url.get("body")).getBytes(StandardCharsets.UTF_8));
        assertThat(body.path("contentType").asText()).isEqualTo("application/zip");

        // AND the ZIP it points at is complete, made for the subject that asked, holding the video as the sandbox
        // serves it
        Path zip = Exports.tempFile();
        assertThat(Exports.fetch(body.path("url").asText(), zip).statusCode()).isEqualTo(200);
        Exports.Checked checked = Exports.check(zip);
        assertThat(checked.manifest().path("exportedBy").asText()).isEqualTo("test-user-1");
        assertThat(checked.media()).containsKeys(VeriffSandboxData.SELFIE_VIDEO, VeriffSandboxData.FACE);
        assertThat(checked.media().get(VeriffSandboxData.SELFIE_VIDEO).path("size").asLong())
                .isEqualTo(8L * 1024 * 1024);
        assertThat(SqsJobs.receive(sqs, queueUrl, 1)).as("nothing else was queued").isEmpty();
        Files.delete(zip);
    }

    @Test
    void shouldExportInPlaceForADirectInvocation() throws Exception {
        // WHEN the function is invoked directly
        JsonNode answer = json.valueToTree(export.handleRequest(Fixtures.json(("{\"provider\":\"yoti\","
                + "\"sessionId\":\"" + YotiSandboxData.COMPLETED + "\",\"ttlSeconds\":120}")
                .getBytes(StandardCharsets.UTF_8)), SqsJobs.context()));

        // THEN it answers the URL JSON of the export it staged, and queued nothing
        assertThat(answer.path("url").asText()).contains("X-Amz-Expires=120").contains("/export.zip");
        Path zip = Exports.tempFile();
        assertThat(Exports.fetch(answer.path("url").asText(), zip).statusCode()).isEqualTo(200);
        Exports.Checked checked = Exports.check(zip);
        assertThat(checked.media()).containsKey(YotiSandboxData.FRONT_PAGE);
        assertThat(checked.manifest().has("exportedBy")).as("no grant, no subject").isFalse();
        assertThat(SqsJobs.receive(sqs, queueUrl, 0)).isEmpty();
        Files.delete(zip);
    }

    @Test
    void shouldStageNothingWhenAMediaOfTheExportFailsItsSignature() {
        // GIVEN a job for a session with a badly signed media item
        Message message = SqsJobs.message("m-export", "{\"provider\":\"veriff\",\"sessionId\":\""
                + VeriffSandboxData.DECLINED
                        + "\",\"kind\":\"export\",\"reason\":\"export-session\"}");

        // WHEN stage-session runs it, THEN it fails (to be retried by SQS) and keeps nothing
        assertThat(invoke(SqsJobs.event(List.of(message))).path("batchItemFailures").toString()).contains("m-export");
        assertThat(StoredCopies.s3(s3, "veriff", VeriffSandboxData.DECLINED, "export.zip")).isFalse();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> answer(ObjectNode event) {
        return (Map<String, Object>) export.handleRequest(event, SqsJobs.context());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headers(Map<String, Object> answer) {
        return (Map<String, String>) answer.get("headers");
    }
}
