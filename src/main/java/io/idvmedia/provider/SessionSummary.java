package io.idvmedia.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * get-session's {@code view=summary}: the same shape for every provider, so that a frontend can show a result
 * without knowing which provider produced it.
 *
 * @param provider the provider's name
 * @param sessionId the session
 * @param state the session's progress, normalized
 * @param providerState the provider's own word for it
 * @param decision the overall outcome
 * @param checks each check with its outcome
 * @param media every media item of the session
 */
public record SessionSummary(String provider, String sessionId, State state, String providerState, Decision decision,
        List<Check> checks, List<MediaItem> media) {

    /** Where the session is in its life. */
    public enum State {
        IN_PROGRESS, COMPLETED, EXPIRED, UNKNOWN;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The overall outcome, or why there is none. */
    public enum Decision {
        APPROVE, REJECT, NOT_AVAILABLE, PENDING;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where a session is, with the outcome that goes with it (how a provider's own word for its status reads). */
    public record Progress(State state, Decision decision) {
    }

    /**
     * One check.
     *
     * @param type the provider's check type, as is (unknown types included)
     * @param state the provider's check state
     * @param recommendation the check's outcome
     * @param reason why, when it is not an approval and the provider says
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String type, String state, Decision recommendation, String reason) {
    }
}
