package io.idvmedia.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.S3ProxyResource;
import io.idvmedia.testing.StoredCopies;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** URL delivery with the S3 store, against S3Proxy: presigned URLs, multipart staging, aborts, purges. */
@QuarkusTest
@WithTestResource(S3ProxyResource.class)
class S3DeliveryTest extends MediaDeliveryContract {

    @S3ProxyResource.InjectS3
    S3Client s3;

    @Override
    boolean holdsAnything(String provider, String sessionId, String mediaId) {
        return StoredCopies.s3(s3, provider, sessionId, mediaId);
    }

    @Test
    void shouldSignTheSubjectIntoTheUrlWhereS3sAccessLogRecordsIt() throws Exception {
        // GIVEN a presigned URL for the grant's subject
        String link = url(YOTI + YotiSandboxData.COMPLETED + "/media/" + YotiSandboxData.FRONT_PAGE).statusCode(200)
                .extract().path("url");

        // THEN it names the subject in an x- parameter (which S3 ignores and logs), under the signature
        assertThat(link).contains(S3MediaStore.SUBJECT_PARAMETER + "=test-user-1");
        assertThat(URI.create(link).getQuery()).contains("X-Amz-SignedHeaders=host");
        assertThat(fetch(link).statusCode()).isEqualTo(200);
        // AND a holder cannot change it: the signature no longer matches
        assertThat(fetch(link.replace(S3MediaStore.SUBJECT_PARAMETER + "=test-user-1",
                S3MediaStore.SUBJECT_PARAMETER + "=someone-else")).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldKeepTheCopyAtItsKeyWithItsManifest() {
        url(YOTI + YotiSandboxData.COMPLETED + "/media/" + YotiSandboxData.FRONT_PAGE).statusCode(200);
        String key = "staged/yoti/" + YotiSandboxData.COMPLETED + "/" + YotiSandboxData.FRONT_PAGE;

        HeadObjectResponse object = s3.headObject(b -> b.bucket(S3ProxyResource.BUCKET).key(key));
        HeadObjectResponse manifest = s3.headObject(b -> b.bucket(S3ProxyResource.BUCKET)
                .key(key + ".manifest.json"));

        assertThat(object.contentType()).isEqualTo("image/jpeg");
        assertThat(manifest.contentType()).isEqualTo("application/json");
    }

    @Test
    void shouldKeepNothingWhenAPartUploadFailsWhileTheNextIsBeingRead() throws Exception {
        // GIVEN the 512 MiB video being staged, in parts, the next read while one uploads
        String session = YotiSandboxData.VIDEO;
        String media = YotiSandboxData.VIDEO_MEDIA;
        CompletableFuture<Integer> staging = CompletableFuture.supplyAsync(() -> url(YOTI + session + "/media/"
                + media).extract().statusCode());
        String prefix = "staged/yoti/" + session + "/" + media;
        List<MultipartUpload> uploads = List.of();
        for (long deadline = System.currentTimeMillis() + 20_000; uploads.isEmpty()
                && System.currentTimeMillis() < deadline; ) {
            Thread.sleep(50);
            uploads = s3.listMultipartUploads(b -> b.bucket(S3ProxyResource.BUCKET).prefix(prefix)).uploads();
        }
        assertThat(uploads).as("a multipart upload in progress").isNotEmpty();

        // WHEN S3 loses the upload midway (the next part upload fails)
        Thread.sleep(300);
        MultipartUpload upload = uploads.get(0);
        s3.abortMultipartUpload(b -> b.bucket(S3ProxyResource.BUCKET).key(upload.key()).uploadId(upload.uploadId()));

        // THEN the staging answers that the store failed, and nothing of it is left: no object, no upload
        assertThat(staging.get(60, TimeUnit.SECONDS)).isEqualTo(503);
        assertThat(holdsAnything("yoti", session, media)).isFalse();
    }
}
