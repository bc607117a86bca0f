package io.idvmedia.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A staging job: stage a session's media (or one media item of it) so that the first request finds a copy.
 *
 * @param provider the provider's name
 * @param sessionId the session (a UUID)
 * @param mediaId one media item only, or null for every item of the session
 * @param reason why it was made: {@code webhook:<event>} (a completed session), {@code get-media}, {@code direct};
 *     {@code :continued} added when a later run goes on with it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StagingJob(String provider, String sessionId, String mediaId, String reason) {

    /** The same job, to be continued by a later run (its reason kept: it decides whether copies are archived). */
    public StagingJob continued() {
        return new StagingJob(provider, sessionId, mediaId, reason.endsWith(":continued") ? reason
                : reason + ":continued");
    }
}
