package io.idvmedia.staging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job for stage-session: stage a session's media (or one media item of it) so that the first request finds a copy,
 * or finish removing the copies a delete could not.
 *
 * @param provider the provider's name
 * @param sessionId the session (a UUID)
 * @param mediaId one media item only, or null for every item of the session
 * @param reason why it was made: {@code webhook:<event>} (a completed session), {@code get-media}, {@code direct},
 *     {@code delete-session}, {@code delete-media}; {@code :continued} added when a later run goes on with it
 * @param kind {@code purge} to remove the copies, {@code export} to stage the session's export; absent (null) to
 *     stage its media
 * @param archive whether the copies go to the archive (when there is one): true for a session its provider said
 *     was completed; absent (null) otherwise
 * @param requestedBy for an export, the grant subject it is made for (named in its manifest); absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StagingJob(String provider, String sessionId, String mediaId, String reason, String kind,
        Boolean archive, String requestedBy) {

    /** The kind of a job that removes copies. */
    public static final String PURGE = "purge";
    /** The kind of a job that stages a session's export. */
    public static final String EXPORT = "export";

    /** A job of any kind, for no one in particular. */
    public StagingJob(String provider, String sessionId, String mediaId, String reason, String kind,
            Boolean archive) {
        this(provider, sessionId, mediaId, reason, kind, archive, null);
    }

    /** A staging job whose copies are staged, not archived. */
    public StagingJob(String provider, String sessionId, String mediaId, String reason) {
        this(provider, sessionId, mediaId, reason, null, null);
    }

    /** A job that stages a session's export for a grant subject (or none). */
    public static StagingJob export(String provider, String sessionId, String requestedBy, String reason) {
        return new StagingJob(provider, sessionId, null, reason, EXPORT, null, requestedBy);
    }

    /** A job that stages a completed session's media for keeping: archived, when there is an archive. */
    public static StagingJob completed(String provider, String sessionId, String reason) {
        return new StagingJob(provider, sessionId, null, reason, null, Boolean.TRUE);
    }

    /** A job that removes what a delete left of a session's copies (or of one media's). */
    public static StagingJob purge(String provider, String sessionId, String mediaId, String reason) {
        return new StagingJob(provider, sessionId, mediaId, reason, PURGE, null);
    }

    /** Whether this job's copies go to the archive (when one is configured). */
    @JsonIgnore
    public boolean isArchived() {
        return Boolean.TRUE.equals(archive);
    }

    @JsonIgnore
    public boolean isPurge() {
        return PURGE.equals(kind);
    }

    @JsonIgnore
    public boolean isExport() {
        return EXPORT.equals(kind);
    }

    /**
     * The claim that keeps this job queued once across instances while it waits or runs: one per media, or one per
     * session for a whole session.
     */
    @JsonIgnore
    public String claimName() {
        return "jobs/" + (isPurge() ? "purge/" : isExport() ? "export/" : "stage/") + provider + "/" + sessionId
                + "/" + (mediaId == null ? "session" : mediaId);
    }

    /** The same job, to be continued by a later run (whether its copies are archived kept). */
    public StagingJob continued() {
        return new StagingJob(provider, sessionId, mediaId, reason.endsWith(":continued") ? reason
                : reason + ":continued", kind, archive, requestedBy);
    }
}
