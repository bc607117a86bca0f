package io.idvmedia.media;

import io.idvmedia.testing.S3ProxyResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Staging a large video to S3 (S3Proxy), in 5 MiB multipart parts, within a small heap. */
@QuarkusTest
@WithTestResource(S3ProxyResource.class)
class S3StagingMemoryTest extends StagingMemoryContract {
}
