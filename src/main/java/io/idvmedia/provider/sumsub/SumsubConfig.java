package io.idvmedia.provider.sumsub;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code idv.sumsub.*}: Sumsub's API, our app token and secret key for it, and its webhooks' secrets. */
@ConfigMapping(prefix = "idv.sumsub")
public interface SumsubConfig {

    /** The API base: {@code https://api.sumsub.com}. */
    Optional<URI> baseUrl();

    /** The app token, sent as {@code X-App-Token}: a secret reference (or a literal). */
    Optional<String> appToken();

    /** The secret key that signs every request ({@code X-App-Access-Sig}): a secret reference (or a literal). */
    Optional<String> secretKey();

    /**
     * The secret keys a webhook's {@code X-Payload-Digest} may be made with (secret references or literals), more
     * than one during a rotation; without any, Sumsub's webhooks are refused.
     */
    Optional<List<String>> webhookSecrets();

    /** How long an applicant's media index (which images are theirs, and of which kind) is kept. */
    @WithDefault("30s")
    Duration mediaIndexTtl();
}
