package io.idvmedia.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.idvmedia.media.RemovedCopy;
import java.util.List;

/**
 * What a delete that did not finish had done, kept under its instruction so that its retry completes the receipt:
 * the copies it removed, and the provider's answer once it had one (then not asked for again), with the problem that
 * answer was for the caller when it was not a deletion.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PendingErasure(String requestedAt, String providerOutcome, Integer providerStatus,
        List<RemovedCopy> copiesRemoved, List<String> stagedCopiesRemoved, String problem, String detail) {
}
