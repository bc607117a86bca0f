package io.idvmedia.webhook;

import java.util.Map;

/**
 * One provider's webhooks: the request is authenticated the provider's way, in constant time, before its body is
 * read; then the body says which session it is about and whether that session is finished.
 */
public interface WebhookReceiver {

    /** The provider's name, as in routes. */
    String provider();

    /**
     * Checks the webhook's authentication, then reads it.
     *
     * @param headers the request's headers, names in lower case
     * @param body the raw body, exactly as received (signatures cover these bytes)
     * @throws io.idvmedia.error.IdvException {@code webhook-unauthenticated} (401) when the authentication is
     *     missing or wrong, {@code invalid-request} (400) when an authenticated body is malformed
     */
    WebhookEvent receive(Map<String, String> headers, byte[] body);
}
