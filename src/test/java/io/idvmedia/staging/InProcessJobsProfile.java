package io.idvmedia.staging;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Jobs run in-process (no queue), staging into a directory of their own (so that copies they stage for a day are
 * never found by other tests), with an 8 MiB sandbox video and a second, rotated Veriff webhook secret.
 */
public class InProcessJobsProfile implements QuarkusTestProfile {

    public static final String STAGED_DIR = "target/staged-jobs-test";
    public static final String ROTATED_SECRET = "rotated-demo-webhook-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "idv.media.local.dir", STAGED_DIR,
                "idv.sandbox.video-size", String.valueOf(8 * 1024 * 1024),
                "idv.veriff.webhook-secrets", ROTATED_SECRET + ",file:target/sandbox/veriff-demo-shared-secret");
    }
}
