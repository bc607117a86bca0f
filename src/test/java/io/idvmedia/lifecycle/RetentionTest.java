package io.idvmedia.lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Retention with a local store of its own. */
@QuarkusTest
@TestProfile(RetentionContract.Retention.class)
class RetentionTest extends RetentionContract {
}
