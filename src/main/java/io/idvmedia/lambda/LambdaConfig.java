package io.idvmedia.lambda;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a Lambda function starts. */
@ConfigMapping(prefix = "idv.lambda")
public interface LambdaConfig {

    /**
     * Whether a function, in an init that is not a SnapStart snapshot's, runs its priming on a thread of its own while
     * it starts ({@link Priming}): its first event then finds grant verification, the Lambda answers and its
     * providers' signing loaded. Off, the first event loads them itself.
     */
    @WithDefault("true")
    boolean warmUp();
}
