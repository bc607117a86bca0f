package io.idvmedia.staging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.Keeping;
import io.idvmedia.media.MediaStore;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.RemovedCopy;
import io.idvmedia.media.StagedKey;
import io.idvmedia.media.StagedMedia;
import io.idvmedia.media.StoreErrors;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.telemetry.Metrics;
import io.idvmedia.transfer.Transfers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * stage-session: stages every media item of a session (or the one a job names) that has no fresh copy from an
 * earlier job, each with its own retries, then writes the session's manifest (each item's id, kind, content type,
 * size and SHA-256). The session's media index is read once per job, however many items it stages. Idempotent: a job
 * run twice downloads nothing the first run staged. Bounded in time: an item is begun only while the deadline allows
 * it, and what is left is reported as pending for a later run. A purge job removes the copies a delete could not.
 */
@ApplicationScoped
public class StageSessionOperation {

    private static final Logger LOG = Logger.getLogger(StageSessionOperation.class);
    /** The rate assumed for a media item of known size when judging whether it can finish before the deadline. */
    private static final long ASSUMED_BYTES_PER_SECOND = 20L * 1024 * 1024;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final ProviderRegistry providers;
    private final Stager stager;
    private final MediaStores stores;
    private final JobsConfig config;
    private final ObjectMapper json;
    private final Metrics metrics;
    private final CopyPurge copies;
    private final Provider<ExportStaging> exports;
    private final Clock clock;

    @Inject
    public StageSessionOperation(ProviderRegistry providers, Stager stager, MediaStores stores,
            JobsConfig config, ObjectMapper json, Metrics metrics, CopyPurge copies, Provider<ExportStaging> exports) {
        this(providers, stager, stores, config, json, metrics, copies, exports, Clock.systemUTC());
    }

    StageSessionOperation(ProviderRegistry providers, Stager stager, MediaStores stores, JobsConfig config,
            ObjectMapper json, Metrics metrics, CopyPurge copies, Provider<ExportStaging> exports, Clock clock) {
        this.exports = exports;
        this.metrics = metrics;
        this.copies = copies;
        this.providers = providers;
        this.stager = stager;
        this.stores = stores;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs the job until it is done or the deadline leaves no time for the next item. A job that ends with nothing
     * pending gives up its claim (see {@link StagingDeferral}), so that a later request may queue one again.
     */
    public StagingReport run(StagingJob job, Instant deadline) {
        long started = System.nanoTime();
        StagingReport report;
        try {
            report = job.isPurge() ? purge(job) : job.isExport() ? export(job) : stage(job, deadline);
        } catch (RuntimeException e) {
            metrics.stagingJob("failed", System.nanoTime() - started);
            throw e;
        }
        if (!job.isPurge()) {
            metrics.stagingJob(report.failed().isEmpty() ? "staged" : "failed", System.nanoTime() - started);
        }
        // Only a media's staging job and an export's are claimed when queued (a session's is covered by its
        // webhook's claim).
        if (report.pending().isEmpty() && !job.isPurge() && (job.mediaId() != null || job.isExport())) {
            releaseClaim(job);
        }
        return report;
    }

    private void releaseClaim(StagingJob job) {
        try {
            stores.claims().release(job.claimName());
        } catch (RuntimeException e) {
            // The claim lapses after its window anyway; the job's own work is done.
            LOG.warnf("The claim of a staging job for session %s could not be given up (%s)", job.sessionId(),
                    StoreErrors.describe(e));
        }
    }

    /** Stages the session's export: all or nothing (a failure leaves no copy; the job is retried if it may pass). */
    private StagingReport export(StagingJob job) {
        IdvProvider provider = providers.get(job.provider());
        String sessionId = provider.sessionIds().require("sessionId", job.sessionId());
        Optional<List<String>> held;
        try {
            held = exports.get().stageUnlessFresh(provider.name(), sessionId, Optional.ofNullable(job.requestedBy()));
        } catch (IdvException e) {
            if (!retryable(e.type())) {
                // It will not pass by retrying this job: the next request for the export may queue a new one.
                releaseClaim(job);
            }
            throw e;
        }
        LOG.infof("Export job for session %s (%s, %s): %s", sessionId, provider.name(), job.reason(),
                held.map(ids -> "staged, media " + ids).orElse("a fresh export was staged already"));
        return new StagingReport(provider.name(), sessionId, held.isPresent() ? List.of(StagedKey.EXPORT) : List.of(),
                held.isPresent() ? List.of() : List.of(StagedKey.EXPORT), List.of(), Map.of(), List.of(), false);
    }

    /** Removes what a delete could not; retried (a 503 is retryable) until the copies are gone. */
    private StagingReport purge(StagingJob job) {
        IdvProvider provider = providers.get(job.provider());
        String sessionId = provider.sessionIds().require("sessionId", job.sessionId());
        String mediaId = job.mediaId() == null ? null : StagedKey.EXPORT.equals(job.mediaId()) ? StagedKey.EXPORT
                : provider.mediaIds().require("mediaId", job.mediaId());
        List<RemovedCopy> removed;
        try {
            removed = copies.remove(provider.name(), sessionId, mediaId);
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The staged copies of session " + sessionId + " could not be removed yet", e);
        }
        LOG.infof("Purge job for session %s (%s, %s): removed %d staged copies", sessionId, provider.name(),
                job.reason(), removed.size());
        return new StagingReport(provider.name(), sessionId, List.of(), List.of(), List.of(), Map.of(), List.of(),
                false);
    }

    private StagingReport stage(StagingJob job, Instant deadline) {
        IdvProvider provider = providers.get(job.provider());
        String sessionId = provider.sessionIds().require("sessionId", job.sessionId());
        Instant startedAt = clock.instant();
        // Copies of a completed session (its webhook said so) go to the archive when there is one.
        boolean archive = stores.archive().enabled() && job.isArchived();
        Keeping keeping = new Keeping(startedAt.plus(archive ? stores.archive().retention() : config.stagedMaxAge()),
                archive);
        List<MediaItem> items = items(provider, sessionId, job.mediaId());
        List<String> staged = new ArrayList<>();
        List<String> reused = new ArrayList<>();
        List<String> noContent = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, StagedMedia> copies = new LinkedHashMap<>();
        boolean retryable = false;
        for (MediaItem item : items) {
            boolean first = staged.isEmpty() && failed.isEmpty();
            if (!first && !fitsBefore(item, deadline)) {
                pending.add(item.id());
                continue;
            }
            Optional<StagedMedia> fresh = stager.fresh(new StagedKey(provider.name(), sessionId, item.id()))
                    .filter(m -> m.reuseUntil() != null && (m.archived() || !archive));
            if (fresh.isPresent()) {
                reused.add(item.id());
                copies.put(item.id(), fresh.get());
                continue;
            }
            try {
                Optional<StagedMedia> copy = stageWithRetries(provider.name(), sessionId, item, keeping,
                        deadline);
                if (copy.isPresent()) {
                    staged.add(item.id());
                    copies.put(item.id(), copy.get());
                } else {
                    noContent.add(item.id());
                }
            } catch (IdvException e) {
                failed.put(item.id(), slug(e.type()));
                retryable |= retryable(e.type());
                LOG.warnf("Staging media %s of session %s (%s) failed: %s", item.id(), sessionId, provider.name(),
                        e.getMessage());
            }
        }
        writeManifest(provider.name(), sessionId, items, copies, startedAt, archive);
        StagingReport report = new StagingReport(provider.name(), sessionId, staged, reused, noContent, failed,
                pending, retryable);
        LOG.infof("Staging job for session %s (%s, %s): staged %d, reused %d, no content %d, failed %d, pending %d",
                sessionId, provider.name(), job.reason(), staged.size(), reused.size(), noContent.size(),
                failed.size(), pending.size());
        return report;
    }

    private static List<MediaItem> items(IdvProvider provider, String sessionId, String mediaId) {
        List<MediaItem> all = provider.listMedia(sessionId);
        if (mediaId == null) {
            return all;
        }
        String id = provider.mediaIds().require("mediaId", mediaId);
        return List.of(all.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseGet(() -> new MediaItem(id, null, null, null, null, null)));
    }

    /** Whether an item can be begun now and, if its size is known, finish before the deadline at a modest rate. */
    private boolean fitsBefore(MediaItem item, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        long size = item.size() == null ? 0 : item.size();
        return left.compareTo(Duration.ofSeconds(1 + size / ASSUMED_BYTES_PER_SECOND)) > 0;
    }

    private Optional<StagedMedia> stageWithRetries(String provider, String sessionId, MediaItem item, Keeping keeping,
            Instant deadline) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                IdvProvider idv = providers.get(provider);
                return stager.stage(idv, new StagedKey(idv.name(), idv.sessionIds().require("sessionId", sessionId),
                        idv.mediaIds().require("mediaId", item.id())), keeping, item::kind, Transfers.INTERNAL, null);
            } catch (IdvException e) {
                Duration wait = e.retryAfter().orElse(backoff);
                if (wait.compareTo(backoff) < 0) {
                    wait = backoff;
                }
                if (attempt >= config.itemAttempts() || !retryable(e.type())
                        || clock.instant().plus(wait).isAfter(deadline)) {
                    throw e;
                }
                sleep(wait);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /**
     * The session's manifest: every item of this run that has a copy and was not deleted since the job began. A
     * deletion of the session recorded since then wins: the manifest (and whatever the run staged) is removed again.
     */
    private void writeManifest(String provider, String sessionId, List<MediaItem> items,
            Map<String, StagedMedia> copies, Instant startedAt, boolean archive) {
        MediaStore store = stores.store();
        copies.keySet().removeIf(id -> store.deletedSince(new StagedKey(provider, sessionId, id), startedAt));
        if (copies.isEmpty()) {
            return;
        }
        ObjectNode manifest = json.createObjectNode();
        manifest.put("provider", provider);
        manifest.put("sessionId", sessionId);
        manifest.put("writtenAt", clock.instant().toString());
        ArrayNode list = manifest.putArray("media");
        for (MediaItem item : items) {
            StagedMedia copy = copies.get(item.id());
            if (copy != null) {
                ObjectNode entry = list.addObject();
                entry.put("id", item.id());
                entry.put("kind", copy.kind() == null ? null : copy.kind().wire());
                entry.put("contentType", copy.contentType());
                entry.put("size", copy.contentLength());
                entry.put("sha256", copy.sha256());
                entry.put("stagedAt", copy.stagedAt().toString());
                entry.put("archived", copy.archived());
            }
        }
        try {
            store.writeSessionManifest(provider, sessionId, json.writeValueAsBytes(manifest), archive);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The session manifest could not be written", e);
        }
        // A deletion of the session marks every one of its media; one of a single media marks that media only.
        if (copies.keySet().stream().allMatch(id -> store.deletedSince(new StagedKey(provider, sessionId, id),
                startedAt))) {
            store.deleteSession(provider, sessionId);
            throw new IdvException(ProblemType.CONFLICT, "Session " + sessionId + " was deleted while it was being"
                    + " staged; nothing was kept");
        }
    }

    private static boolean retryable(ProblemType type) {
        return type.status() >= 500 || type == ProblemType.RATE_LIMITED;
    }

    private static String slug(ProblemType type) {
        return type.uri().substring(type.uri().lastIndexOf(':') + 1);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdvException(ProblemType.INTERNAL, "Staging was interrupted", e);
        }
    }
}
