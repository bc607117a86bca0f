package io.idvmedia.provider.veriff;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.SessionSummary.Decision;
import io.idvmedia.provider.SessionSummary.Progress;
import io.idvmedia.provider.SessionSummary.State;
import io.idvmedia.provider.SessionSummary;
import java.util.List;

/**
 * Veriff's decision in the normalized shape. Veriff decides the session as a whole, so there is one check, the
 * verification itself, whose outcome is the overall decision. No decision yet ({@code verification: null}) is
 * pending. Pure.
 */
public final class VeriffSummary {

    private VeriffSummary() {
    }

    public static SessionSummary of(String sessionId, JsonNode decision, List<MediaItem> media) {
        JsonNode verification = decision.path("verification");
        if (!verification.isObject()) {
            return new SessionSummary(VeriffProvider.NAME, sessionId, State.IN_PROGRESS, null, Decision.PENDING,
                    List.of(), media);
        }
        String status = verification.path("status").isTextual() ? verification.get("status").asText() : null;
        Progress progress = switch (status == null ? "" : status) {
            case "approved" -> new Progress(State.COMPLETED, Decision.APPROVE);
            case "declined" -> new Progress(State.COMPLETED, Decision.REJECT);
            case "resubmission_requested", "review", "submitted", "started", "created" ->
                    new Progress(State.IN_PROGRESS, Decision.PENDING);
            case "expired", "abandoned" -> new Progress(State.EXPIRED, Decision.NOT_AVAILABLE);
            default -> new Progress(State.UNKNOWN, Decision.NOT_AVAILABLE);
        };
        State state = progress.state();
        Decision outcome = progress.decision();
        SessionSummary.Check check = new SessionSummary.Check("verification", status, outcome, reason(verification));
        return new SessionSummary(VeriffProvider.NAME, sessionId, state, status, outcome, List.of(check), media);
    }

    private static String reason(JsonNode verification) {
        JsonNode reason = verification.get("reason");
        JsonNode code = verification.get("reasonCode");
        String text = reason != null && reason.isTextual() ? reason.asText() : null;
        String number = code != null && !code.isNull() ? code.asText() : null;
        if (text != null && number != null) {
            return number + ": " + text;
        }
        return text != null ? text : number;
    }
}
