package io.idvmedia.provider.yoti;

import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.SessionSummary.Decision;
import io.idvmedia.provider.SessionSummary.State;
import io.idvmedia.provider.SessionSummary;
import java.util.List;

/**
 * Yoti's session in the normalized shape. Yoti gives a recommendation per check and none for the session, so the
 * overall decision is derived: any REJECT rejects; otherwise an unfinished session is pending (an expired one
 * not available); a completed session with every check approved is approved, else not available. Pure.
 */
public final class YotiSummary {

    private YotiSummary() {
    }

    public static SessionSummary of(String sessionId, YotiSession session, List<MediaItem> media) {
        List<SessionSummary.Check> checks = session.checks().stream().map(YotiSummary::check).toList();
        State state = state(session.state());
        return new SessionSummary(YotiProvider.NAME, sessionId, state, session.state(), decision(state, checks),
                checks, media);
    }

    private static SessionSummary.Check check(YotiSession.Check check) {
        YotiSession.Recommendation recommendation = check.report() == null ? null : check.report().recommendation();
        Decision outcome;
        if (recommendation == null || recommendation.value() == null) {
            outcome = "DONE".equals(check.state()) ? Decision.NOT_AVAILABLE : Decision.PENDING;
        } else {
            outcome = switch (recommendation.value()) {
                case "APPROVE" -> Decision.APPROVE;
                case "REJECT" -> Decision.REJECT;
                default -> Decision.NOT_AVAILABLE;
            };
        }
        return new SessionSummary.Check(check.type(), check.state(), outcome,
                recommendation == null ? null : recommendation.reason());
    }

    private static State state(String state) {
        if (state == null) {
            return State.UNKNOWN;
        }
        return switch (state) {
            case "ONGOING" -> State.IN_PROGRESS;
            case "COMPLETED" -> State.COMPLETED;
            case "EXPIRED" -> State.EXPIRED;
            default -> State.UNKNOWN;
        };
    }

    static Decision decision(State state, List<SessionSummary.Check> checks) {
        if (checks.stream().anyMatch(c -> c.recommendation() == Decision.REJECT)) {
            return Decision.REJECT;
        }
        if (state != State.COMPLETED) {
            return state == State.EXPIRED ? Decision.NOT_AVAILABLE : Decision.PENDING;
        }
        if (checks.stream().anyMatch(c -> c.recommendation() == Decision.PENDING)) {
            return Decision.PENDING;
        }
        if (!checks.isEmpty() && checks.stream().allMatch(c -> c.recommendation() == Decision.APPROVE)) {
            return Decision.APPROVE;
        }
        return Decision.NOT_AVAILABLE;
    }
}
