package io.idvmedia.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a purge run did.
 *
 * @param dryRun whether it deleted nothing and only listed
 * @param deleted the sessions it deleted (or, in a dry run, would have), {@code provider/sessionId}
 * @param held the due sessions it passed over because a legal hold is in force
 * @param leftDue the due sessions it left for the next run: the provider rate-limited or failed, or the run was full
 * @param receipts the receipt ids of its deletes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PurgeReport(boolean dryRun, List<String> deleted, List<String> held, List<String> leftDue,
        List<String> receipts) {
}
