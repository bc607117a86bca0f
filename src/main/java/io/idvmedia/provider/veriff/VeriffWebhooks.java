package io.idvmedia.provider.veriff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.secrets.SecretSettings;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.signing.HmacSha256;
import io.idvmedia.signing.SharedTokens;
import io.idvmedia.webhook.WebhookBodies;
import io.idvmedia.webhook.WebhookEvent;
import io.idvmedia.webhook.WebhookReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Veriff's webhooks: {@code X-AUTH-CLIENT} must be the integration's API key and {@code X-HMAC-SIGNATURE} the hex
 * HMAC-SHA256 of the raw body with one of the accepted secrets (the shared secret, or the list configured for a
 * rotation), all compared in constant time. A decision webhook ({@code verification.id}, {@code verification.status})
 * with a final status completes the session; event webhooks ({@code id}, {@code action}) are only acknowledged.
 */
@ApplicationScoped
public class VeriffWebhooks implements WebhookReceiver, SecretSettings {

    /** Decisions after which the session changes no more. resubmission_requested and review are not final. */
    private static final Set<String> FINAL = Set.of("approved", "declined", "expired", "abandoned");

    private final VeriffConfig config;
    private final SecretsProvider secrets;
    private final ObjectMapper json;

    @Inject
    public VeriffWebhooks(VeriffConfig config, SecretsProvider secrets, ObjectMapper json) {
        this.config = config;
        this.secrets = secrets;
        this.json = json;
    }

    @Override
    public String provider() {
        return VeriffProvider.NAME;
    }

    /** The list, when set, is checked at start-up (see SecretChecks): never empty, no blank or unreadable entry. */
    @Override
    public Map<String, List<String>> secretSettings() {
        return config.webhookSecrets().map(list -> Map.of("idv.veriff.webhook-secrets", list)).orElse(Map.of());
    }

    @Override
    public WebhookEvent receive(Map<String, String> headers, byte[] body) {
        String apiKey = secrets.resolve(config.apiKey().orElseThrow(() -> NotConfiguredException.missing(
                "Veriff webhooks", "idv.veriff.api-key")));
        List<String> accepted = config.webhookSecrets().isPresent()
                ? secrets.resolveAll("idv.veriff.webhook-secrets", config.webhookSecrets().get())
                : secrets.resolveAll("idv.veriff.shared-secret", List.of(config.sharedSecret().orElseThrow(
                        () -> NotConfiguredException.missing("Veriff webhooks", "idv.veriff.shared-secret"))));
        boolean client = SharedTokens.matchesAny(headers.get("x-auth-client"), List.of(apiKey));
        String signature = headers.get(VeriffApi.SIGNATURE_HEADER.toLowerCase(Locale.ROOT));
        boolean signed = HmacSha256.verifyAny(accepted, body, signature);
        if (signature == null) {
            throw WebhookBodies.unauthenticated(provider(), "X-HMAC-SIGNATURE header is missing");
        }
        if (!signed) {
            throw WebhookBodies.unauthenticated(provider(), "X-HMAC-SIGNATURE does not match its body");
        }
        if (!client) {
            throw WebhookBodies.unauthenticated(provider(), "X-AUTH-CLIENT is not this integration's API key");
        }
        JsonNode root = WebhookBodies.object(json, body, provider());
        JsonNode verification = root.get("verification");
        if (verification != null && verification.isObject()) {
            String sessionId = WebhookBodies.sessionId(verification.get("id"), "verification.id", provider(),
                    VeriffProvider.DESCRIPTOR.sessionIds());
            String status = verification.path("status").asText("");
            return new WebhookEvent(sessionId, eventName(status), FINAL.contains(status));
        }
        String sessionId = WebhookBodies.sessionId(root.get("id"), "id", provider(),
                VeriffProvider.DESCRIPTOR.sessionIds());
        return new WebhookEvent(sessionId, "event:" + eventName(root.path("action").asText("")), false);
    }

    /** A provider's word, kept only when it is a plain token, so that nothing from the body reaches a log as is. */
    private static String eventName(String value) {
        return value.matches("[a-z_]{1,40}") ? value : "other";
    }
}
