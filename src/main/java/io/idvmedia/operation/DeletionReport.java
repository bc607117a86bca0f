package io.idvmedia.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a delete did: the provider deleted the session or media, and these staged copies were removed.
 *
 * @param provider the provider
 * @param sessionId the session
 * @param mediaId the media item, for delete-media
 * @param providerStatus the provider's HTTP status
 * @param stagedCopiesRemoved the media ids whose staged copies were removed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeletionReport(String provider, String sessionId, String mediaId, int providerStatus,
        List<String> stagedCopiesRemoved) {

    /** The problem member that says what a failed delete still removed. */
    public static final String STAGED_COPIES_REMOVED = "stagedCopiesRemoved";
}
