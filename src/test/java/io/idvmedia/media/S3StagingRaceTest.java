package io.idvmedia.media;

import io.idvmedia.testing.S3ProxyResource;
import io.idvmedia.testing.StoredCopies;
import io.idvmedia.testing.WireMockYoti;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.s3.S3Client;

/** The staging races with the S3 store, against S3Proxy: a small media is one putObject, then its manifest. */
@QuarkusTest
@WithTestResource(WireMockYoti.class)
@WithTestResource(S3ProxyResource.class)
class S3StagingRaceTest extends StagingRaceContract {

    @S3ProxyResource.InjectS3
    S3Client s3;

    @Override
    boolean holdsAnything(String provider, String sessionId, String mediaId) {
        return StoredCopies.s3(s3, provider, sessionId, mediaId);
    }
}
