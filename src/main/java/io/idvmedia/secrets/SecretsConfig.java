package io.idvmedia.secrets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** {@code idv.secrets.*}: how long secrets are cached and where AWS Secrets Manager is. */
@ConfigMapping(prefix = "idv.secrets")
public interface SecretsConfig {

    /** How long a secret value is used before it is read again. */
    @WithDefault("5m")
    Duration maxAge();

    /** AWS Secrets Manager settings. */
    Aws aws();

    /** Region and endpoint; both default to the AWS SDK's own lookup. */
    interface Aws {
        Optional<String> region();

        /** Only for Secrets Manager-compatible endpoints (tests, VPC endpoints with a custom name). */
        Optional<URI> endpoint();
    }
}
