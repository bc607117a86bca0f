package io.idvmedia.jobs;

/**
 * The answer to an accepted webhook.
 *
 * @param status {@code queued} when staging the session was queued, {@code acknowledged} when the event needs none
 */
public record WebhookAck(String status) {

    static WebhookAck queued() {
        return new WebhookAck("queued");
    }

    static WebhookAck acknowledged() {
        return new WebhookAck("acknowledged");
    }
}
