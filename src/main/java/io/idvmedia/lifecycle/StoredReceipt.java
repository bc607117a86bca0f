package io.idvmedia.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A receipt as the store keeps it: its payload, its JWS (or why it is unsigned), and the answer its delete gave, so
 * that a repeated delete with the same instruction answers the same without asking the provider again.
 *
 * @param payload what the receipt says
 * @param receipt the compact JWS, absent when it could not be signed
 * @param unsigned why it could not be signed
 * @param stagedCopiesRemoved the media ids of the copies removed, as the delete's answer listed them
 * @param problem the problem type's name when the delete answered a problem (the provider did not delete)
 * @param detail that problem's detail
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredReceipt(ErasureReceipt payload, String receipt, String unsigned, List<String> stagedCopiesRemoved,
        String problem, String detail) {
}
