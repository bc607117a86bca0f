package io.idvmedia.provider.sumsub;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.SessionSummary;
import io.idvmedia.provider.SessionSummary.Decision;
import io.idvmedia.provider.SessionSummary.Progress;
import io.idvmedia.provider.SessionSummary.State;
import java.util.ArrayList;
import java.util.List;

/**
 * An applicant in the normalized shape, from its {@code review}: {@code completed} with {@code GREEN} is an approval,
 * with {@code RED} a rejection (its {@code rejectLabels} the reason); {@code init}, {@code pending},
 * {@code prechecked}, {@code queued}, {@code onHold}, {@code awaitingService} and {@code awaitingUser} are in progress;
 * anything else is unknown. The review is the one check. Pure.
 */
final class SumsubSummary {

    private SumsubSummary() {
    }

    static SessionSummary of(String applicantId, JsonNode applicant, List<MediaItem> media) {
        JsonNode review = applicant.path("review");
        String status = review.path("reviewStatus").isTextual() ? review.get("reviewStatus").asText() : null;
        String answer = review.path("reviewResult").path("reviewAnswer").asText("");
        Progress progress = switch (status == null ? "" : status) {
            case "completed" -> switch (answer) {
                case "GREEN" -> new Progress(State.COMPLETED, Decision.APPROVE);
                case "RED" -> new Progress(State.COMPLETED, Decision.REJECT);
                default -> new Progress(State.UNKNOWN, Decision.NOT_AVAILABLE);
            };
            case "init", "pending", "prechecked", "queued", "onHold", "awaitingService", "awaitingUser" ->
                    new Progress(State.IN_PROGRESS, Decision.PENDING);
            default -> new Progress(State.UNKNOWN, Decision.NOT_AVAILABLE);
        };
        String reason = progress.decision() == Decision.REJECT ? labels(review.path("reviewResult")) : null;
        List<SessionSummary.Check> checks = List.of(new SessionSummary.Check("review", status, progress.decision(),
                reason));
        return new SessionSummary(SumsubProvider.NAME, applicantId, progress.state(), status, progress.decision(),
                checks, media);
    }

    private static String labels(JsonNode result) {
        JsonNode labels = result.path("rejectLabels");
        List<String> all = new ArrayList<>();
        labels.forEach(l -> {
            if (l.isTextual()) {
                all.add(l.asText());
            }
        });
        return all.isEmpty() ? null : String.join("; ", all);
    }
}
