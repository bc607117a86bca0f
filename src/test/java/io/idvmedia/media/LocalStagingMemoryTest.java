package io.idvmedia.media;

import io.quarkus.test.junit.QuarkusTest;

/** Staging a large video to the local store within a small heap. */
@QuarkusTest
class LocalStagingMemoryTest extends StagingMemoryContract {
}
