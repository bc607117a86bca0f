package io.idvmedia.provider.sumsub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.secrets.SecretSettings;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.signing.Hmac;
import io.idvmedia.webhook.WebhookBodies;
import io.idvmedia.webhook.WebhookEvent;
import io.idvmedia.webhook.WebhookReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sumsub's webhooks: {@code X-Payload-Digest} must be the hex HMAC of the raw body with one of the accepted webhook
 * secrets (more than one during a rotation), by the algorithm {@code X-Payload-Digest-Alg} names
 * ({@code HMAC_SHA1_HEX}, {@code HMAC_SHA256_HEX} or {@code HMAC_SHA512_HEX}; a missing or other one is refused),
 * compared in constant time against every secret. {@code applicantReviewed} with {@code reviewStatus: completed}
 * completes the applicant; other events are only acknowledged.
 */
@ApplicationScoped
public class SumsubWebhooks implements WebhookReceiver, SecretSettings {

    static final String REVIEWED = "applicantReviewed";
    private static final Map<String, String> ALGORITHMS = Map.of("HMAC_SHA1_HEX", "HmacSHA1",
            "HMAC_SHA256_HEX", "HmacSHA256", "HMAC_SHA512_HEX", "HmacSHA512");

    private final SumsubConfig config;
    private final SecretsProvider secrets;
    private final ObjectMapper json;

    @Inject
    public SumsubWebhooks(SumsubConfig config, SecretsProvider secrets, ObjectMapper json) {
        this.config = config;
        this.secrets = secrets;
        this.json = json;
    }

    @Override
    public String provider() {
        return SumsubProvider.NAME;
    }

    /** The list, when set, is checked at start-up (see SecretChecks): never empty, no blank or unreadable entry. */
    @Override
    public Map<String, List<String>> secretSettings() {
        return config.webhookSecrets().map(list -> Map.of("idv.sumsub.webhook-secrets", list)).orElse(Map.of());
    }

    @Override
    public WebhookEvent receive(Map<String, String> headers, byte[] body) {
        List<String> accepted = secrets.resolveAll("idv.sumsub.webhook-secrets", config.webhookSecrets().orElseThrow(
                () -> NotConfiguredException.missing("Sumsub webhooks", "idv.sumsub.webhook-secrets")));
        String algorithm = ALGORITHMS.get(headers.getOrDefault(
                SumsubApi.DIGEST_ALGORITHM_HEADER.toLowerCase(Locale.ROOT), ""));
        if (algorithm == null) {
            throw WebhookBodies.unauthenticated(provider(), "X-Payload-Digest-Alg header is missing or names no"
                    + " algorithm accepted (HMAC_SHA1_HEX, HMAC_SHA256_HEX, HMAC_SHA512_HEX)");
        }
        String digest = headers.get(SumsubApi.DIGEST_HEADER.toLowerCase(Locale.ROOT));
        if (digest == null) {
            throw WebhookBodies.unauthenticated(provider(), "X-Payload-Digest header is missing");
        }
        if (!Hmac.verifyAny(algorithm, accepted, body, digest)) {
            throw WebhookBodies.unauthenticated(provider(), "X-Payload-Digest does not match its body");
        }
        JsonNode payload = WebhookBodies.object(json, body, provider());
        String type = payload.path("type").asText("");
        String applicantId = WebhookBodies.sessionId(payload.get("applicantId"), "applicantId", provider(),
                SumsubProvider.APPLICANT_IDS);
        boolean completed = REVIEWED.equals(type) && "completed".equals(payload.path("reviewStatus").asText(""));
        return new WebhookEvent(applicantId, eventName(type), completed);
    }

    /** Sumsub's word, kept only when it is a plain token, so that nothing from the body reaches a log as is. */
    private static String eventName(String value) {
        return value.matches("[A-Za-z]{1,60}") ? value : "other";
    }
}
