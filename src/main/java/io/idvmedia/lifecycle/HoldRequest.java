package io.idvmedia.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.InvalidRequestException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT .../hold}: {@code {"reason": "...", "reference": "..."}}, the reason required. Both are free
 * text, bounded, and never repeated in a problem's detail.
 */
record HoldRequest(String reason, String reference) {

    static final int MAX_REASON = 500;
    static final int MAX_REFERENCE = 200;
    private static final Set<String> MEMBERS = Set.of("reason", "reference");
    /** Printable text: no control characters (a line break could forge a line of the log it is audited in). */
    private static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl}]+");

    static HoldRequest parse(byte[] body, ObjectMapper json) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("A hold is a JSON object: {\"reason\": \"...\", \"reference\": \"...\"}"
                    + " (reference optional)");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!MEMBERS.contains(names.next())) {
                throw new InvalidRequestException("A hold has only the members reason and reference");
            }
        }
        String reason = text(node, "reason", MAX_REASON, true);
        String reference = text(node, "reference", MAX_REFERENCE, false);
        return new HoldRequest(reason, reference);
    }

    private static String text(JsonNode node, String name, int max, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidRequestException(name + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > max
                || !TEXT.matcher(value.asText()).matches()) {
            throw new InvalidRequestException(name + " must be text of 1 to " + max + " characters, without control"
                    + " characters");
        }
        return value.asText().strip();
    }
}
