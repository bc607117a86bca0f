package io.idvmedia.staging;

import java.util.List;
import java.util.Map;

/**
 * What one run of a staging job did, item by item.
 *
 * @param staged media staged by this run
 * @param reused media whose copy from an earlier job was still fresh (nothing downloaded)
 * @param noContent media the provider says have no content
 * @param failed media that could not be staged, with the problem type of their last attempt
 * @param pending media left for a later run, the time budget being spent
 * @param retryable whether a later run may succeed where this one failed
 */
public record StagingReport(String provider, String sessionId, List<String> staged, List<String> reused,
        List<String> noContent, Map<String, String> failed, List<String> pending, boolean retryable) {
}
