package io.idvmedia.provider.veriff;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code idv.veriff.*}: the Veriff integration's API and our credentials for it. */
@ConfigMapping(prefix = "idv.veriff")
public interface VeriffConfig {

    /** The integration's API base, e.g. {@code https://stationapi.veriff.com/v1}. */
    Optional<URI> baseUrl();

    /** The API key sent as {@code X-AUTH-CLIENT}: a literal or a secret reference. */
    Optional<String> apiKey();

    /** A secret reference to the shared secret that signs requests and responses. */
    Optional<String> sharedSecret();

    /**
     * The secrets a webhook's {@code X-HMAC-SIGNATURE} may be made with (literals or secret references), more than
     * one during a rotation; the shared secret alone when absent.
     */
    Optional<List<String>> webhookSecrets();

    /** Whether a response without {@code X-HMAC-SIGNATURE} is refused. */
    @WithDefault("true")
    boolean requireResponseSignature();

    /** How long a session's media list is kept to check that a media id belongs to the session. */
    @WithDefault("30s")
    Duration mediaListTtl();
}
