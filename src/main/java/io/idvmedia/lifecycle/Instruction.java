package io.idvmedia.lifecycle;

import io.idvmedia.access.Caller;
import io.idvmedia.error.InvalidRequestException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Whose instruction a delete carries out: the caller's instruction id (the {@code Idempotency-Key} header, generated
 * when absent) and who gave it. One instruction is one delete: repeated, it answers the same receipt.
 *
 * @param id the instruction id
 * @param requestedBy the grant's subject, the channel of an IAM-authorized invocation, or {@code retention}
 */
public record Instruction(String id, String requestedBy) {

    /** The header an instruction id travels in. */
    public static final String HEADER = "Idempotency-Key";
    /** What a purge run gives as the requester of the deletes it makes. */
    public static final String RETENTION = "retention";
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /**
     * An instruction with the caller's id when it sent one (checked, never echoed), a new one otherwise, given by the
     * grant's subject (or, without a grant, the channel the caller is counted under).
     */
    public static Instruction of(Optional<String> idempotencyKey, Caller caller) {
        return of(idempotencyKey, caller.requester());
    }

    static Instruction of(Optional<String> idempotencyKey, String requestedBy) {
        if (idempotencyKey.isEmpty()) {
            return new Instruction(UUID.randomUUID().toString(), requestedBy);
        }
        String id = idempotencyKey.get().strip();
        if (!ID.matcher(id).matches()) {
            throw new InvalidRequestException(HEADER + " must be 1 to 255 visible ASCII characters (a UUID, say)");
        }
        return new Instruction(id, requestedBy);
    }
}
