package io.idvmedia.sandbox;

import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * One sandbox provider's completion webhook: what the provider would send when a seeded session completes, signed or
 * authenticated its way. {@link SandboxWebhookResource} finds the provider's by name and sends it.
 */
public interface SandboxCompletion {

    /** The provider's name, as in routes. */
    String provider();

    /**
     * The webhook for a seeded session, empty when there is no such session.
     *
     * @throws IdvException 409 when the session is still in progress (only completed sessions send one)
     */
    Optional<Webhook> completionWebhook(String sessionId) throws IOException;

    /** A webhook's raw body and the headers that authenticate it. */
    record Webhook(byte[] body, Map<String, String> headers) {
    }

    static IdvException inProgress() {
        return new IdvException(ProblemType.CONFLICT, "This sandbox session is still in progress; only completed"
                + " sessions send a completion webhook");
    }
}
