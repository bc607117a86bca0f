package io.idvmedia.lifecycle;

import io.idvmedia.testing.S3ProxyResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Retention with the sessions seen, the holds and the receipts in S3 (S3Proxy). */
@QuarkusTest
@TestProfile(RetentionContract.Retention.class)
@WithTestResource(S3ProxyResource.class)
class RetentionS3Test extends RetentionContract {
}
