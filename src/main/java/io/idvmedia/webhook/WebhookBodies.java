package io.idvmedia.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.provider.IdFormat;
import java.io.IOException;

/** What every provider's webhook reading shares: the refusal, and an authenticated body read as a JSON object. */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    /** The 401 for a webhook whose authentication is missing or wrong; the detail says which, never what was sent. */
    public static IdvException unauthenticated(String provider, String what) {
        return new IdvException(ProblemType.WEBHOOK_UNAUTHENTICATED, "The " + provider + " webhook's " + what
                + "; nothing was done");
    }

    /** The body as a JSON object, or a 400 that does not echo it. */
    public static JsonNode object(ObjectMapper json, byte[] body, String provider) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // Answered below, without the parser's message (it quotes the body).
        }
        throw new InvalidRequestException("The " + provider + " webhook's body is not a JSON object");
    }

    /** A session id the body names, which must have the provider's form. */
    public static String sessionId(JsonNode node, String field, String provider, IdFormat format) {
        String id = node == null || !node.isTextual() ? null : node.asText();
        if (!format.matches(id)) {
            throw new InvalidRequestException("The " + provider + " webhook's " + field + " is missing or not "
                    + format.description());
        }
        return format.normalize(id);
    }
}
