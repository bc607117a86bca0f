package io.idvmedia.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A session's legal hold, as {@code GET .../hold} answers it and as it is kept.
 *
 * @param held whether a hold is in force
 * @param reason why, as whoever placed it wrote it (free text, bounded)
 * @param reference their reference for it (a case or ticket number), when given
 * @param placedAt when it was placed
 * @param placedBy who placed it: the grant's subject, or the channel of an IAM-authorized invocation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HoldState(boolean held, String reason, String reference, String placedAt, String placedBy) {

    static HoldState none() {
        return new HoldState(false, null, null, null, null);
    }
}
