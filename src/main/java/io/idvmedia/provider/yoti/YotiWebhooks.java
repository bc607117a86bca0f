package io.idvmedia.provider.yoti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.secrets.SecretSettings;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.signing.SharedTokens;
import io.idvmedia.webhook.WebhookBodies;
import io.idvmedia.webhook.WebhookEvent;
import io.idvmedia.webhook.WebhookReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Yoti's notifications, which are not signed: the {@code Authorization} header carries the token the business set
 * in the session's notification config, as {@code Basic base64(token)} or {@code Bearer token}, and must match one
 * of {@code idv.yoti.notification-token} (several during a rotation), compared in constant time. The body is
 * {@code {"session_id", "topic"}}; topic {@code session_completion} completes the session, others are acknowledged.
 */
@ApplicationScoped
public class YotiWebhooks implements WebhookReceiver, SecretSettings {

    private static final String COMPLETION = "session_completion";

    private final YotiConfig config;
    private final SecretsProvider secrets;
    private final ObjectMapper json;

    @Inject
    public YotiWebhooks(YotiConfig config, SecretsProvider secrets, ObjectMapper json) {
        this.config = config;
        this.secrets = secrets;
        this.json = json;
    }

    @Override
    public String provider() {
        return YotiProvider.NAME;
    }

    /** The list, when set, is checked at start-up (see SecretChecks): never empty, no blank or unreadable entry. */
    @Override
    public Map<String, List<String>> secretSettings() {
        return config.notificationToken().map(list -> Map.of("idv.yoti.notification-token", list)).orElse(Map.of());
    }

    @Override
    public WebhookEvent receive(Map<String, String> headers, byte[] body) {
        List<String> tokens = config.notificationToken().orElseThrow(() -> NotConfiguredException.missing(
                "Yoti notifications", "idv.yoti.notification-token"));
        List<String> accepted = secrets.resolveAll("idv.yoti.notification-token", tokens);
        String authorization = headers.get("authorization");
        if (authorization == null) {
            throw WebhookBodies.unauthenticated(provider(), "Authorization header is missing");
        }
        if (!SharedTokens.matchesAny(presentedToken(authorization), accepted)) {
            throw WebhookBodies.unauthenticated(provider(), "Authorization token is not the notification token");
        }
        JsonNode root = WebhookBodies.object(json, body, provider());
        String sessionId = WebhookBodies.sessionId(root.get("session_id"), "session_id", provider(),
                YotiProvider.DESCRIPTOR.sessionIds());
        String topic = root.path("topic").asText("");
        return new WebhookEvent(sessionId, topic.matches("[a-z_]{1,40}") ? topic : "other", COMPLETION.equals(topic));
    }

    /** The token of a {@code Basic} (base64) or {@code Bearer} header; null when the header is neither. */
    private static String presentedToken(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).strip();
        if (scheme.equals("bearer")) {
            return value;
        }
        if (scheme.equals("basic")) {
            try {
                return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
