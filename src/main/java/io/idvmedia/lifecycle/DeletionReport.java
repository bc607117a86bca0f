package io.idvmedia.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a delete did: the provider deleted the session or media, these staged copies were removed, and this receipt
 * says so.
 *
 * @param provider the provider
 * @param sessionId the session
 * @param mediaId the media item, for delete-media
 * @param providerStatus the provider's HTTP status
 * @param stagedCopiesRemoved the media ids whose staged copies were removed
 * @param instructionId the instruction carried out ({@code Idempotency-Key}, or the one generated for it)
 * @param receiptId the erasure receipt's id
 * @param receipt the erasure receipt, a compact JWS (ES256) that verifies with {@code GET /v1/receipts/jwks.json}
 * @param receiptUnsigned why the receipt could not be signed (it is kept unsigned), when it could not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeletionReport(String provider, String sessionId, String mediaId, int providerStatus,
        List<String> stagedCopiesRemoved, String instructionId, String receiptId, String receipt,
        String receiptUnsigned) {

    /** The problem member that says what a failed delete still removed. */
    public static final String STAGED_COPIES_REMOVED = "stagedCopiesRemoved";
}
