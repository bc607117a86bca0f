package io.idvmedia.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.idvmedia.error.Problem;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Api;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockS3;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * S3's real answers, which S3Proxy never gives. To a role without a permission: a GET of a key that does not exist is
 * a 403 AccessDenied, not a 404, unless the role may list the key's prefix; such a refusal is a configuration error
 * that says so (store-forbidden, the permission named in the log), never "the store is unavailable" (a 503 that
 * callers and the staging queue would retry for ever). And DeleteObjects answers 200 even when some keys could not be
 * removed: a purge that failed midway is retried by a job, not reported done.
 */
@QuarkusTest
@WithTestResource(WireMockS3.class)
class S3RealAnswersTest {

    private static final String MEDIA = "/v1/yoti/sessions/" + YotiSandboxData.COMPLETED + "/media/"
            + YotiSandboxData.FRONT_PAGE;
    private static final String ACCESS_DENIED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied"
            + "</Code><Message>Access Denied</Message><RequestId>R1</RequestId></Error>";
    private static final String NO_SUCH_KEY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey"
            + "</Code><Message>The specified key does not exist.</Message><RequestId>R2</RequestId></Error>";

    @WireMockProvider.InjectWireMock
    WireMockServer s3;

    @BeforeEach
    void reset() {
        s3.resetAll();
    }

    @Test
    void shouldReportAGetRefusedForWantOfListBucketAsForbiddenNamingThePermission() throws Exception {
        // GIVEN S3 answering as AWS answers a role that may GetObject but not ListBucket: 403 for absent keys
        s3.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/xml")
                .withBody(ACCESS_DENIED)));
        try (LogCapture log = LogCapture.of(S3Calls.class.getName())) {
            // WHEN a URL to a media is asked for
            Api.given().queryParam("delivery", "url").get(MEDIA)
                    // THEN a configuration error that says which permission, not "unavailable"
                    .then().statusCode(500).contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo("urn:idv-media:problem:store-forbidden"))
                    .body("detail", containsString("s3:ListBucket"))
                    .body("detail", not(containsString(YotiSandboxData.FRONT_PAGE)));
            assertThat(log.await("403 AccessDenied", "s3:GetObject and s3:ListBucket")).doesNotContain("staged/");
        }
        // AND nothing was written on the strength of a refusal taken for absence
        s3.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void shouldStageWhenTheRoleMayListSoThatAnAbsentKeyIsA404() {
        // GIVEN S3 answering as AWS answers a role that may list the prefixes: 404 NoSuchKey for absent keys
        s3.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/xml")
                .withBody(NO_SUCH_KEY)));
        s3.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e1\"")));

        // WHEN a URL to the same media is asked for
        Api.given().queryParam("delivery", "url").get(MEDIA)
                // THEN the media is staged (the copy, then its manifest) and a URL answered
                .then().statusCode(200).body("url", containsString(WireMockS3.BUCKET));
        s3.verify(2, putRequestedFor(urlPathMatching("/" + WireMockS3.BUCKET + "/staged/yoti/.*")));
    }

    @Test
    void shouldRetryAPurgeThatFailedMidwayWithAJob() {
        // GIVEN a staged copy, and S3 failing to remove it once (a 200 whose result lists the key as an error)
        String session = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f8";
        String key = "staged/yoti/" + session + "/" + YotiSandboxData.FRONT_PAGE;
        String bucket = "/" + WireMockS3.BUCKET;
        s3.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"m\"")));
        noHolds();
        s3.stubFor(get(urlPathEqualTo(bucket)).withQueryParam("list-type", matching("2")).willReturn(xml(
                "<ListBucketResult><Name>" + WireMockS3.BUCKET + "</Name><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys>"
                        + "<IsTruncated>false</IsTruncated><Contents><Key>" + key + "</Key><Size>3</Size></Contents>"
                        + "</ListBucketResult>")));
        s3.stubFor(get(urlPathEqualTo(bucket)).withQueryParam("uploads", matching(".*")).willReturn(xml(
                "<ListMultipartUploadsResult><Bucket>" + WireMockS3.BUCKET + "</Bucket><IsTruncated>false"
                        + "</IsTruncated></ListMultipartUploadsResult>")));
        s3.stubFor(post(urlPathEqualTo(bucket)).withQueryParam("delete", matching(".*")).inScenario("purge")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered").willReturn(xml("<DeleteResult>"
                        + "<Error><Key>" + key + "</Key><Code>InternalError</Code><Message>We encountered an internal"
                        + " error. Please try again.</Message></Error></DeleteResult>")));
        s3.stubFor(post(urlPathEqualTo(bucket)).withQueryParam("delete", matching(".*")).inScenario("purge")
                .whenScenarioStateIs("recovered").willReturn(xml("<DeleteResult></DeleteResult>")));

        // WHEN the session is deleted (the provider knows no such session: its copies are purged all the same)
        Api.given().delete("/v1/yoti/sessions/" + session)
                // THEN the delete says the copies are not all gone yet, and that a job finishes the removal
                .then().statusCode(503).body("type", equalTo("urn:idv-media:problem:store-unavailable"))
                .body("purgeQueued", equalTo(true));
        // AND the job removes them
        await(() -> s3.findAll(postRequestedFor(urlPathEqualTo(bucket))).size() == 2);
        await(() -> "recovered".equals(s3.getAllScenarios().getScenarios().get(0).getState()));
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody(body);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Not within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void shouldReportARefusedDeletionRecordAsForbidden() {
        // GIVEN a role that may not record deletions
        s3.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/xml")
                .withBody(ACCESS_DENIED)));
        noHolds();

        // WHEN a session is deleted (the provider knows no such session: its copies are purged all the same)
        Api.given().delete("/v1/yoti/sessions/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")
                // THEN the deletion could not be recorded, and the problem says why
                .then().statusCode(500).body("type", equalTo("urn:idv-media:problem:store-forbidden"))
                .body("detail", containsString("deletion markers"));
    }

    @Test
    void shouldRefuseADeleteWhoseLegalHoldCannotBeReadAndTouchNothing() {
        // GIVEN a role that may not read legal holds (S3 answers 403, as AWS does without GetObject or ListBucket)
        noHolds();
        s3.stubFor(get(urlPathMatching(".*/records/holds/.*")).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml").withBody(ACCESS_DENIED)));

        // WHEN a session is deleted, THEN the delete fails closed, naming the permission, before anything is removed
        // or recorded
        Api.given().delete("/v1/yoti/sessions/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0fa")
                .then().statusCode(500).body("type", equalTo("urn:idv-media:problem:store-forbidden"))
                .body("detail", containsString("records"));
        s3.verify(0, putRequestedFor(anyUrl()));
        s3.verify(0, postRequestedFor(anyUrl()));
        s3.verify(0, deleteRequestedFor(anyUrl()));
    }

    /**
     * S3 answering a role that may list the records' prefix: no hold, no receipt and no unfinished delete is 404
     * NoSuchKey.
     */
    private void noHolds() {
        s3.stubFor(get(urlPathMatching(".*/records/.*")).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/xml").withBody(NO_SUCH_KEY)));
    }
}
