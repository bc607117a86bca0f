package io.idvmedia.staging;

import io.idvmedia.media.Claims;
import io.idvmedia.media.MediaConfig;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.StoreErrors;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.telemetry.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * For callers that cannot wait long (API Gateway gives a request 30 s), once they found no fresh copy of a media:
 * decides whether it is left to a staging job instead of being staged within the request. It is when the media is
 * larger than {@code idv.media.sync-stage-max-bytes} (by the provider's media index, else its Content-Length) or
 * when less than {@code idv.media.sync-stage-min-time} is left; then a job for it is queued and the caller told when
 * to come back.
 * Only with a durable queue: an executor in a Lambda instance would be frozen with it. However many requests ask
 * while the job waits or runs, one job is queued: the first claims it in the store for {@code idv.jobs.dedupe-window},
 * and the job gives the claim up when it ends.
 */
@ApplicationScoped
public class StagingDeferral {

    private static final long RETRY_BYTES_PER_SECOND = 32L * 1024 * 1024;
    private static final long MIN_RETRY_SECONDS = 2;
    private static final long MAX_RETRY_SECONDS = 60;
    /** How long a caller of an export being staged waits before asking again. */
    private static final Duration EXPORT_RETRY = Duration.ofSeconds(10);

    private final ProviderRegistry providers;
    private final JobQueue queue;
    private final MediaStores stores;
    private final MediaConfig config;
    private final JobsConfig jobs;
    private final Metrics metrics;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public StagingDeferral(ProviderRegistry providers, JobQueue queue, MediaStores stores, JobsConfig jobs,
            Metrics metrics) {
        this.metrics = metrics;
        this.providers = providers;
        this.queue = queue;
        this.stores = stores;
        this.config = stores.config();
        this.jobs = jobs;
    }

    /**
     * Queues a staging job and returns how long the caller should wait, or empty when the request should stage the
     * media itself. The caller has looked for a fresh copy first.
     *
     * @param timeLeft how long the caller can still wait for an answer
     */
    public Optional<Duration> defer(String provider, String sessionId, String mediaId, Duration timeLeft) {
        return defer(provider, sessionId, mediaId, timeLeft, OptionalLong.empty());
    }

    /**
     * As {@link #defer(String, String, String, Duration)}, with the media's size when the caller knows it already
     * (from the media it opened), so that the provider is not asked for it again.
     */
    public Optional<Duration> defer(String provider, String sessionId, String mediaId, Duration timeLeft,
            OptionalLong knownSize) {
        if (!queue.durable()) {
            return Optional.empty();
        }
        OptionalLong size = knownSize.isPresent() ? knownSize : expectedSize(provider, sessionId, mediaId);
        boolean large = size.isPresent() && size.getAsLong() > config.syncStageMaxBytes();
        if (!large && timeLeft.compareTo(config.syncStageMinTime()) >= 0) {
            return Optional.empty();
        }
        queueOnce(new StagingJob(provider, sessionId, mediaId, "get-media"),
                "The media's staging job could not be claimed; retry shortly");
        long seconds = size.isPresent() ? size.getAsLong() / RETRY_BYTES_PER_SECOND : 0;
        return Optional.of(Duration.ofSeconds(Math.min(MAX_RETRY_SECONDS, Math.max(MIN_RETRY_SECONDS, seconds))));
    }

    /**
     * For a session's export through API Gateway: queues a job of kind export (once, however many requests ask
     * while it waits or runs) and returns how long the caller should wait; empty without a durable queue, when the
     * request should export the session itself.
     *
     * @param requestedBy the grant subject the export is for
     */
    public Optional<Duration> deferExport(String provider, String sessionId, Optional<String> requestedBy) {
        if (!queue.durable()) {
            return Optional.empty();
        }
        IdvProvider idv = providers.get(provider);
        StagingJob job = StagingJob.export(idv.name(), idv.sessionIds().require("sessionId", sessionId),
                requestedBy.orElse(null), "export-session");
        queueOnce(job, "The export's staging job could not be claimed; retry shortly");
        return Optional.of(EXPORT_RETRY);
    }

    /** Queues the job unless a job of the same claim is waiting or running (see {@link StagingJob#claimName}). */
    private void queueOnce(StagingJob job, String claimFailed) {
        Claims claims = stores.claims();
        boolean first;
        try {
            first = claims.claim(job.claimName(), clock.instant(), jobs.dedupeWindow());
        } catch (RuntimeException e) {
            throw StoreErrors.problem(claimFailed, e);
        }
        if (first) {
            try {
                queue.submit(job);
            } catch (RuntimeException e) {
                claims.release(job.claimName());
                throw e;
            }
        } else {
            metrics.stagingJob("deduplicated", 0);
        }
    }

    /**
     * The media's size before it is staged: from the provider's media index when it tells, else from the
     * Content-Length of the media's answer (whose body is then closed unread); empty when neither tells.
     */
    private OptionalLong expectedSize(String providerName, String sessionId, String mediaId) {
        IdvProvider provider = providers.get(providerName);
        String sid = provider.sessionIds().require("sessionId", sessionId);
        String mid = provider.mediaIds().require("mediaId", mediaId);
        Optional<Long> indexed = provider.listMedia(sid).stream().filter(m -> m.id().equals(mid))
                .map(MediaItem::size).filter(Objects::nonNull).findFirst();
        if (indexed.isPresent()) {
            return OptionalLong.of(indexed.get());
        }
        MediaContent media = provider.getMedia(sid, mid);
        OptionalLong length = media.contentLength();
        media.release();
        return length;
    }
}
