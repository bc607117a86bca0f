package io.idvmedia.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The answer to an accepted webhook.
 *
 * @param status {@code queued} when staging the session was queued, {@code acknowledged} when the event needs none,
 *     {@code duplicate} when the same webhook was accepted before (nothing queued again)
 */
public record WebhookAck(String status) {

    static WebhookAck alreadyAccepted() {
        return new WebhookAck("duplicate");
    }

    /** Whether this webhook was accepted before. */
    @JsonIgnore
    public boolean isDuplicate() {
        return "duplicate".equals(status);
    }

    static WebhookAck queued() {
        return new WebhookAck("queued");
    }

    static WebhookAck acknowledged() {
        return new WebhookAck("acknowledged");
    }
}
