package io.idvmedia.media;

import io.idvmedia.testing.StoredCopies;
import io.idvmedia.testing.WireMockYoti;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The staging races with the local store: a temporary file renamed into place, then its manifest. */
@QuarkusTest
@WithTestResource(WireMockYoti.class)
class LocalStagingRaceTest extends StagingRaceContract {

    @ConfigProperty(name = "idv.media.local.dir")
    Path dir;

    @Override
    boolean holdsAnything(String provider, String sessionId, String mediaId) {
        return StoredCopies.local(dir, provider, sessionId, mediaId);
    }
}
