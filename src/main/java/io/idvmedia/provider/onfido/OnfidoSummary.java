package io.idvmedia.provider.onfido;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.SessionSummary.Decision;
import io.idvmedia.provider.SessionSummary.Progress;
import io.idvmedia.provider.SessionSummary.State;
import io.idvmedia.provider.SessionSummary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A workflow run in the normalized shape. The run's {@code status} is the decision: {@code awaiting_input} and
 * {@code processing} are in progress; {@code approved} and {@code declined} are completed with that outcome;
 * {@code review} is completed and waits for a person ({@code pending}); {@code abandoned} expired; {@code error}
 * completed without a decision. The run is one check, with its {@code reasons}; each output whose value carries a
 * report {@code result} ({@code clear}, {@code consider}) is one more. Pure.
 */
final class OnfidoSummary {

    private OnfidoSummary() {
    }

    static SessionSummary of(String runId, JsonNode run, List<MediaItem> media) {
        String status = run.path("status").isTextual() ? run.get("status").asText() : null;
        Progress progress = switch (status == null ? "" : status) {
            case "awaiting_input", "processing" -> new Progress(State.IN_PROGRESS, Decision.PENDING);
            case "approved" -> new Progress(State.COMPLETED, Decision.APPROVE);
            case "declined" -> new Progress(State.COMPLETED, Decision.REJECT);
            case "review" -> new Progress(State.COMPLETED, Decision.PENDING);
            case "abandoned" -> new Progress(State.EXPIRED, Decision.NOT_AVAILABLE);
            case "error" -> new Progress(State.COMPLETED, Decision.NOT_AVAILABLE);
            default -> new Progress(State.UNKNOWN, Decision.NOT_AVAILABLE);
        };
        State state = progress.state();
        Decision outcome = progress.decision();
        List<SessionSummary.Check> checks = new ArrayList<>();
        checks.add(new SessionSummary.Check("workflow_run", status, outcome, reasons(run.path("reasons"))));
        JsonNode output = run.path("output");
        for (Iterator<Map.Entry<String, JsonNode>> it = output.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode result = field.getValue().path("result");
            if (result.isTextual()) {
                checks.add(new SessionSummary.Check(field.getKey(), field.getValue().path("status").asText(null),
                        recommendation(result.asText()), result.asText().equals("clear") ? null : result.asText()));
            }
        }
        return new SessionSummary(OnfidoProvider.NAME, runId, state, status, outcome, List.copyOf(checks), media);
    }

    private static Decision recommendation(String result) {
        return switch (result) {
            case "clear" -> Decision.APPROVE;
            case "consider" -> Decision.REJECT;
            default -> Decision.NOT_AVAILABLE;
        };
    }

    private static String reasons(JsonNode reasons) {
        if (!reasons.isArray() || reasons.isEmpty()) {
            return null;
        }
        List<String> all = new ArrayList<>();
        reasons.forEach(r -> all.add(r.asText()));
        return String.join("; ", all);
    }
}
