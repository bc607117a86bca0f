package io.idvmedia.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The public URL a production build with the local store needs, pointing at the test port. */
public class PublicUrlResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("idv.media.local.public-url", "http://localhost:8081");
    }

    @Override
    public void stop() {
    }
}
