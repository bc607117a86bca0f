package io.idvmedia.access;

import io.idvmedia.secrets.SecretSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** The grant keys' secrets (the JWK Set grants are verified with; issue-grant's signing key), checked at start-up. */
@ApplicationScoped
public class AccessSecretSettings implements SecretSettings {

    private final AccessConfig config;

    @Inject
    public AccessSecretSettings(AccessConfig config) {
        this.config = config;
    }

    @Override
    public Map<String, List<String>> secretSettings() {
        return SecretSettings.present(Map.of("idv.access.jwks", config.jwks(), "idv.access.signing-key",
                config.signingKey()));
    }
}
