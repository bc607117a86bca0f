package io.idvmedia.staging;

import io.idvmedia.lambda.StageSessionHandler;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The deployed shape: jobs go to SQS (ElasticMQ), copies to S3 (S3Proxy), the function under test is stage-session;
 * an 8 MiB sandbox video, 1 MiB as the largest media get-media stages within an API Gateway request, and two
 * attempts per media item.
 */
public class SqsJobsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.lambda.handler", StageSessionHandler.NAME,
                "idv.sandbox.video-size", String.valueOf(8 * 1024 * 1024),
                "idv.media.sync-stage-max-bytes", String.valueOf(1024 * 1024),
                "idv.jobs.item-attempts", "2");
    }
}
