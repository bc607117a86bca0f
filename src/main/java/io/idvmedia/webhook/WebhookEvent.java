package io.idvmedia.webhook;

/**
 * What a provider's webhook said, once its authentication was checked.
 *
 * @param sessionId the session it is about (a UUID)
 * @param event the provider's name for the event (e.g. Yoti {@code session_completion}, Veriff {@code approved})
 * @param completed whether the session is finished, so that its media can be staged
 */
public record WebhookEvent(String sessionId, String event, boolean completed) {
}
