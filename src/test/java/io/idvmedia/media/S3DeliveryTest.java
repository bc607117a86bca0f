package io.idvmedia.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.S3ProxyResource;
import io.idvmedia.testing.StoredCopies;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

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
    void shouldKeepTheCopyAtItsKeyWithItsManifest() {
        url(YOTI + YotiSandboxData.COMPLETED + "/media/" + YotiSandboxData.FRONT_PAGE).statusCode(200);
        String key = "staged/yoti/" + YotiSandboxData.COMPLETED + "/" + YotiSandboxData.FRONT_PAGE;

        HeadObjectResponse object = s3.headObject(b -> b.bucket(S3ProxyResource.BUCKET).key(key));
        HeadObjectResponse manifest = s3.headObject(b -> b.bucket(S3ProxyResource.BUCKET)
                .key(key + ".manifest.json"));

        assertThat(object.contentType()).isEqualTo("image/jpeg");
        assertThat(manifest.contentType()).isEqualTo("application/json");
    }
}
