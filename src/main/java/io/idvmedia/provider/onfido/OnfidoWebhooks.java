package io.idvmedia.provider.onfido;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.secrets.SecretSettings;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.signing.HmacSha256;
import io.idvmedia.webhook.WebhookBodies;
import io.idvmedia.webhook.WebhookEvent;
import io.idvmedia.webhook.WebhookReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Onfido's webhooks: {@code X-SHA2-Signature} must be the hex HMAC-SHA256 of the raw body with one of the accepted
 * webhook tokens (more than one during a rotation), compared in constant time. {@code workflow_run.completed} of a
 * run ({@code payload.object.id}) completes the session; other events are only acknowledged.
 */
@ApplicationScoped
public class OnfidoWebhooks implements WebhookReceiver, SecretSettings {

    /** Onfido's webhook signature: the lowercase hex HMAC-SHA256 of the raw body with the webhook's token. */
    public static final String SIGNATURE_HEADER = "X-SHA2-Signature";
    static final String COMPLETED = "workflow_run.completed";

    private final OnfidoConfig config;
    private final SecretsProvider secrets;
    private final ObjectMapper json;

    @Inject
    public OnfidoWebhooks(OnfidoConfig config, SecretsProvider secrets, ObjectMapper json) {
        this.config = config;
        this.secrets = secrets;
        this.json = json;
    }

    @Override
    public String provider() {
        return OnfidoProvider.NAME;
    }

    /** The list, when set, is checked at start-up (see SecretChecks): never empty, no blank or unreadable entry. */
    @Override
    public Map<String, List<String>> secretSettings() {
        return config.webhookTokens().map(list -> Map.of("idv.onfido.webhook-tokens", list)).orElse(Map.of());
    }

    @Override
    public WebhookEvent receive(Map<String, String> headers, byte[] body) {
        List<String> accepted = secrets.resolveAll("idv.onfido.webhook-tokens", config.webhookTokens().orElseThrow(
                () -> NotConfiguredException.missing("Onfido webhooks", "idv.onfido.webhook-tokens")));
        String signature = headers.get(SIGNATURE_HEADER.toLowerCase(Locale.ROOT));
        if (signature == null) {
            throw WebhookBodies.unauthenticated(provider(), "X-SHA2-Signature header is missing");
        }
        if (!HmacSha256.verifyAny(accepted, body, signature)) {
            throw WebhookBodies.unauthenticated(provider(), "X-SHA2-Signature does not match its body");
        }
        JsonNode payload = WebhookBodies.object(json, body, provider()).path("payload");
        String action = payload.path("action").asText("");
        String objectId = WebhookBodies.sessionId(payload.path("object").get("id"), "payload.object.id", provider(),
                OnfidoProvider.DESCRIPTOR.sessionIds());
        if (!"workflow_run".equals(payload.path("resource_type").asText(""))) {
            // A check's or a report's event: acknowledged, nothing to stage (its object is not a run).
            return new WebhookEvent(objectId, "event:" + eventName(action), false);
        }
        return new WebhookEvent(objectId, eventName(action), COMPLETED.equals(action));
    }

    /** Onfido's word, kept only when it is a plain token, so that nothing from the body reaches a log as is. */
    private static String eventName(String value) {
        return value.matches("[a-z_.]{1,60}") ? value : "other";
    }
}
