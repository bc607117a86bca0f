package io.idvmedia.access;

import io.idvmedia.secrets.SecretSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
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
        Map<String, List<String>> settings = new LinkedHashMap<>();
        config.jwks().ifPresent(value -> settings.put("idv.access.jwks", List.of(value)));
        config.signingKey().ifPresent(value -> settings.put("idv.access.signing-key", List.of(value)));
        return settings;
    }
}
