package io.idvmedia.telemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code idv.metrics.*}: where the functions' metrics go besides the server's {@code /q/metrics}. */
@ConfigMapping(prefix = "idv.metrics")
public interface MetricsConfig {

    /**
     * Whether each measurement is also written as a CloudWatch embedded-metric-format line (no agent, no extra call:
     * CloudWatch Logs extracts the metrics from the function's log). When unset: on Lambda (where
     * {@code AWS_LAMBDA_FUNCTION_NAME} is set), not elsewhere.
     */
    Optional<Boolean> emf();

    /** The CloudWatch namespace of the embedded metrics. */
    @WithDefault("idv-media")
    String namespace();
}
