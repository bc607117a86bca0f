package io.idvmedia.provider.onfido;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code idv.onfido.*}: Onfido's API (v3.6) in the account's region, and our token for it. */
@ConfigMapping(prefix = "idv.onfido")
public interface OnfidoConfig {

    /**
     * The API base of the account's region: {@code https://api.eu.onfido.com/v3.6},
     * {@code https://api.us.onfido.com/v3.6} or {@code https://api.ca.onfido.com/v3.6}.
     */
    Optional<URI> baseUrl();

    /** The API token, sent as {@code Authorization: Token token=...}: a secret reference (or a literal). */
    Optional<String> apiToken();

    /**
     * The tokens a webhook's {@code X-SHA2-Signature} may be made with (secret references or literals), more than
     * one during a rotation; without any, Onfido's webhooks are refused.
     */
    Optional<List<String>> webhookTokens();

    /** How long a run's media index (which media belong to its applicant, and of which kind) is kept. */
    @WithDefault("30s")
    Duration mediaIndexTtl();

    /**
     * Pages of the account's workflow runs read, at most, to check that a run's applicant has no other run before
     * delete-session deletes the applicant; a larger account is refused unless {@code scope=applicant} is given.
     */
    @WithDefault("10")
    int runScanMaxPages();
}
