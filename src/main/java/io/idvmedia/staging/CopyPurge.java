package io.idvmedia.staging;

import io.idvmedia.error.IdvException;
import io.idvmedia.media.MediaStore;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.RemovedCopy;
import io.idvmedia.media.StagedKey;
import io.idvmedia.media.StoreErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What both deletes do to the staged copies: record the deletion first (from then on no copy staged before it is
 * served, and a staging still running keeps nothing), drop the provider downloads of the stagings running here, then
 * remove the copies. A removal that fails midway is not
 * forgotten: a purge job is queued to finish it, and the problem says so.
 */
@ApplicationScoped
public class CopyPurge {

    /** The problem member that says a job will finish removing the copies. */
    public static final String PURGE_QUEUED = "purgeQueued";
    private static final Logger LOG = Logger.getLogger(CopyPurge.class);

    private final MediaStores stores;
    private final JobQueue queue;
    private final Stager stager;
    private final Clock clock;

    @Inject
    public CopyPurge(MediaStores stores, JobQueue queue, Stager stager) {
        this(stores, queue, stager, Clock.systemUTC());
    }

    CopyPurge(MediaStores stores, JobQueue queue, Stager stager, Clock clock) {
        this.stager = stager;
        this.stores = stores;
        this.queue = queue;
        this.clock = clock;
    }

    /** Every copy of a session; returns the copies removed. */
    public List<RemovedCopy> session(String provider, String sessionId) {
        return purge(provider, sessionId, null);
    }

    /**
     * One media's copy, and the session's export (which holds the media too); returns the copies removed (the
     * export's under the media id {@link StagedKey#EXPORT}).
     */
    public List<RemovedCopy> media(StagedKey key) {
        List<RemovedCopy> removed = new ArrayList<>(purge(key.provider(), key.sessionId(), key.mediaId()));
        removed.addAll(purge(key.provider(), key.sessionId(), StagedKey.EXPORT));
        return removed;
    }

    /**
     * Removes the copies of a session (or of one media, when {@code mediaId} is not null) whose deletion is recorded:
     * what a purge job does. Returns the copies removed.
     */
    public List<RemovedCopy> remove(String provider, String sessionId, String mediaId) {
        MediaStore store = stores.store();
        if (mediaId == null) {
            return store.deleteSession(provider, sessionId);
        }
        return store.deleteMedia(new StagedKey(provider, sessionId, mediaId));
    }

    /** The media ids of removed copies, each once, as a deletion report lists them. */
    public static List<String> mediaIds(List<RemovedCopy> copies) {
        return copies.stream().map(RemovedCopy::mediaId).distinct().toList();
    }

    private List<RemovedCopy> purge(String provider, String sessionId, String mediaId) {
        String what = mediaId == null ? "session " + sessionId : "media " + mediaId;
        try {
            stores.store().markDeleted(provider, sessionId, Optional.ofNullable(mediaId), clock.instant());
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The deletion of the staged copies of " + what + " could not be recorded;"
                    + " nothing was removed, retry the delete", e);
        }
        // Stagings of what is deleted, running here, stop downloading now rather than at their end.
        stager.cancel(provider, sessionId, Optional.ofNullable(mediaId));
        try {
            return remove(provider, sessionId, mediaId);
        } catch (RuntimeException e) {
            StagingJob job = StagingJob.purge(provider, sessionId, mediaId, mediaId == null ? "delete-session"
                    : "delete-media");
            try {
                queue.submit(job);
            } catch (RuntimeException queueFailure) {
                LOG.warnf("No purge job could be queued for %s of %s: %s", what, provider,
                        StoreErrors.describe(queueFailure));
                throw StoreErrors.problem("The staged copies of " + what + " could not all be removed (none is served"
                        + " again); retry the delete", e);
            }
            IdvException problem = StoreErrors.problem("The staged copies of " + what + " could not all be removed"
                    + " yet; none is served again, and a job finishes removing them", e);
            throw problem.withExtension(PURGE_QUEUED, true);
        }
    }
}
