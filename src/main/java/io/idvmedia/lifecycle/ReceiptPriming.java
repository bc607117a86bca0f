package io.idvmedia.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.media.RemovedCopy;
import java.util.List;

/**
 * Writes, once, each record a deletion writes (the pending erasure, the receipt's payload and the receipt kept, the
 * session's record, the report answered) with the same {@link ObjectMapper} the deletion writes them with, so that
 * Jackson has looked each type over (its components, their annotations, the serializers it builds for them) before
 * the first deletion does it while its caller waits. Every value is made up here: no id, key or digest of anyone's,
 * and what is written is thrown away.
 */
public final class ReceiptPriming {

    private static final String NOBODY = "priming";
    private static final String AT = "1970-01-01T00:00:00Z";

    private ReceiptPriming() {
    }

    /** @return whether every record was written; never throws */
    public static boolean run(ObjectMapper json) {
        List<RemovedCopy> copies = List.of(new RemovedCopy(NOBODY, NOBODY, 0, NOBODY));
        ErasureReceipt payload = new ErasureReceipt(NOBODY, NOBODY, NOBODY, NOBODY, NOBODY, NOBODY, AT, AT,
                ErasureReceipt.DELETED, 204, copies, List.of(HoldState.none()));
        try {
            json.writeValueAsBytes(new PendingErasure(AT, ErasureReceipt.DELETED, 204, copies, List.of(NOBODY), NOBODY,
                    NOBODY));
            json.writeValueAsBytes(payload);
            json.writeValueAsBytes(new StoredReceipt(payload, NOBODY, NOBODY, List.of(NOBODY), NOBODY, NOBODY));
            json.writeValueAsBytes(new SessionRecord(NOBODY, NOBODY, AT, AT, SessionRecord.DELETED, NOBODY));
            json.writeValueAsString(new DeletionReport(NOBODY, NOBODY, NOBODY, 204, List.of(NOBODY), NOBODY, NOBODY,
                    NOBODY, NOBODY));
            return true;
        } catch (JsonProcessingException | RuntimeException e) {
            // A snapshot is still taken, and a start still ends: the first deletion then does what this did not.
            return false;
        }
    }
}
