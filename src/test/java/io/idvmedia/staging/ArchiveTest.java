package io.idvmedia.staging;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.sandbox.SandboxKeys;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.testing.Fixtures;
import io.idvmedia.testing.S3ProxyResource;
import io.idvmedia.testing.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archive: a completed session's copies, staged by its webhook's job, go under the archive prefix with the
 * archive's retention (exempt from the staged copies' expiry), are served from there, and are removed by
 * delete-session like every copy.
 */
@QuarkusTest
@TestProfile(ArchiveTest.Archive.class)
@WithTestResource(S3ProxyResource.class)
class ArchiveTest {

    private static final String APPROVED = VeriffSandboxData.APPROVED;

    /** The S3 store with an archive kept 30 days, jobs in-process, an 8 MiB video. */
    public static class Archive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.archive.enabled", "true", "idv.archive.retention", "30d",
                    "idv.sandbox.video-size", String.valueOf(8 * 1024 * 1024));
        }
    }

    @S3ProxyResource.InjectS3
    S3Client s3;

    @Inject
    VeriffSandboxData veriff;

    @Inject
    SandboxKeys keys;

    @BeforeEach
    void clean() {
        veriff.reset();
        s3.listObjectsV2Paginator(b -> b.bucket(S3ProxyResource.BUCKET)).contents()
                .forEach(o -> s3.deleteObject(b -> b.bucket(S3ProxyResource.BUCKET).key(o.key())));
    }

    @Test
    void shouldArchiveACompletedSessionServeItFromTheArchiveAndRemoveItWithTheSession() throws Exception {
        Webhooks.postVeriff(Webhooks.veriffDecision(APPROVED, "approved"), keys.veriffSharedSecret())
                .statusCode(200).body("status", equalTo("queued"));
        String prefix = "archive/veriff/" + APPROVED + "/";
        JsonNode manifest = awaitObject(prefix + "session.manifest.json");

        assertThat(manifest.path("media")).hasSize(5);
        manifest.path("media").forEach(m -> assertThat(m.path("archived").asBoolean()).isTrue());
        assertThat(keys("staged/veriff/" + APPROVED + "/")).as("nothing among the expiring copies").isEmpty();
        JsonNode video = Fixtures.json(s3.getObject(b -> b.bucket(S3ProxyResource.BUCKET)
                .key(prefix + VeriffSandboxData.SELFIE_VIDEO + ".manifest.json"), ResponseTransformer.toBytes())
                .asByteArray());
        Instant reuseUntil = Instant.parse(video.path("reuseUntil").asText());
        assertThat(Duration.between(Instant.now(), reuseUntil)).isBetween(Duration.ofDays(29), Duration.ofDays(30));

        given().queryParam("delivery", "url").when()
                .get("/v1/veriff/sessions/" + APPROVED + "/media/" + VeriffSandboxData.SELFIE_VIDEO)
                .then().statusCode(200).body("url", containsString("/" + prefix + VeriffSandboxData.SELFIE_VIDEO));
        assertThat(veriff.downloads(VeriffSandboxData.SELFIE_VIDEO)).as("served from the archive").isEqualTo(1);

        given().when().delete("/v1/veriff/sessions/" + APPROVED).then().statusCode(200)
                .body("stagedCopiesRemoved", hasItem(VeriffSandboxData.SELFIE_VIDEO));
        assertThat(keys(prefix)).as("the archive keeps nothing of a deleted session").isEmpty();
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(S3ProxyResource.BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private JsonNode awaitObject(String key) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!keys(key).isEmpty()) {
                return Fixtures.json(s3.getObject(b -> b.bucket(S3ProxyResource.BUCKET).key(key),
                        ResponseTransformer.toBytes()).asByteArray());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(key + " did not appear");
    }
}
