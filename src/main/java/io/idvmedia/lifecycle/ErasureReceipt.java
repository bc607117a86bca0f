package io.idvmedia.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.idvmedia.media.RemovedCopy;
import java.util.List;

/**
 * What an erasure receipt says (the payload of its JWS): who asked for which delete, when, what the provider answered
 * and which copies were removed.
 *
 * @param receiptId this receipt
 * @param instructionId the caller's instruction ({@code Idempotency-Key}), or one generated for it
 * @param provider the provider
 * @param sessionId the session
 * @param mediaId the media item, for delete-media
 * @param requestedBy the grant's subject, the channel of an IAM-authorized invocation, or {@code retention}
 * @param requestedAt when the delete was first asked for
 * @param completedAt when it was done
 * @param providerOutcome {@code deleted}, {@code already-absent}, {@code not-supported} or {@code refused}
 * @param providerStatus the provider's HTTP status, when it answered
 * @param copiesRemoved every staged or archived copy removed, with its size and SHA-256 from its manifest
 * @param holds the legal holds in force on the session at the time (a held session is never deleted)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureReceipt(String receiptId, String instructionId, String provider, String sessionId, String mediaId,
        String requestedBy, String requestedAt, String completedAt, String providerOutcome, Integer providerStatus,
        List<RemovedCopy> copiesRemoved, List<HoldState> holds) {

    /** The provider's outcomes a receipt can record. */
    public static final String DELETED = "deleted";
    public static final String ALREADY_ABSENT = "already-absent";
    public static final String NOT_SUPPORTED = "not-supported";
    public static final String REFUSED = "refused";
}
