package io.idvmedia.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the service knows of a session it has seen (a completion webhook, an export, a delete), kept in the store as
 * {@code sessions/{provider}/{sessionId}.json}.
 *
 * @param provider the provider
 * @param sessionId the session
 * @param firstSeen when the service first saw it
 * @param completedAt when it learned the session was complete (the webhook, or a summary that said so)
 * @param state {@code seen}, {@code completed} or {@code deleted}
 * @param receiptId the receipt of its deletion, once deleted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRecord(String provider, String sessionId, String firstSeen, String completedAt, String state,
        String receiptId) {

    static final String SEEN = "seen";
    static final String COMPLETED = "completed";
    static final String DELETED = "deleted";
}
