package io.idvmedia.operation;

import io.idvmedia.access.Caller;
import io.idvmedia.error.BusyException;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.MediaBodyException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.jobs.JobQueue;
import io.idvmedia.jobs.StagingJob;
import io.idvmedia.media.Keeping;
import io.idvmedia.media.MediaFileNames;
import io.idvmedia.media.MediaStore;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.MediaUrl;
import io.idvmedia.media.SourceReadException;
import io.idvmedia.media.StagedKey;
import io.idvmedia.media.StagedMedia;
import io.idvmedia.media.StoreErrors;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.Ids;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.transfer.Transfer;
import io.idvmedia.transfer.Transfers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** get-media: one media item's bytes streamed from the provider, or a short-lived URL to a staged copy. */
@ApplicationScoped
public class GetMediaOperation {

    private static final Logger LOG = Logger.getLogger(GetMediaOperation.class);
    private static final int FIRST_READ = 64 * 1024;
    private static final String OCTET_STREAM = "application/octet-stream";

    private final ProviderRegistry providers;
    private final MediaStores stores;
    private final Transfers transfers;
    /** Looked up when first needed: the job queue's own staging jobs run through this operation. */
    private final Provider<JobQueue> jobs;
    private final Clock clock;
    private final Semaphore stagings;
    private final Map<Flight, CompletableFuture<Optional<StagedMedia>>> inFlight = new ConcurrentHashMap<>();
    /** The provider downloads of the stagings running in this instance. */
    private final Set<InFlight> downloads = ConcurrentHashMap.newKeySet();

    @Inject
    public GetMediaOperation(ProviderRegistry providers, MediaStores stores, Transfers transfers,
            Provider<JobQueue> jobs) {
        this(providers, stores, transfers, jobs, Clock.systemUTC());
    }

    GetMediaOperation(ProviderRegistry providers, MediaStores stores, Transfers transfers, Provider<JobQueue> jobs,
            Clock clock) {
        this.providers = providers;
        this.jobs = jobs;
        this.stores = stores;
        this.transfers = transfers;
        this.clock = clock;
        this.stagings = new Semaphore(stores.config().maxConcurrentStagings());
    }

    /**
     * Opens the media as a stream, in one of the instance's transfer slots (429 when the caller holds its share of
     * them, 503 busy when none is free, both before the provider is called). The caller owns the returned content
     * and must close it, which frees the slot.
     *
     * @param caller who asks: the transfer counts against its share
     */
    public MediaContent open(String providerName, String sessionId, String mediaId, Caller caller) {
        IdvProvider provider = providers.get(providerName);
        String sid = Ids.requireUuid("sessionId", sessionId);
        String mid = Ids.requireUuid("mediaId", mediaId);
        Transfer transfer = transfers.begin(caller.shareKey());
        try {
            return openWithFirstBytes(provider, sid, mid, transfer);
        } catch (RuntimeException e) {
            transfer.close();
            throw e;
        }
    }

    /**
     * A URL to a staged copy: a complete copy younger than the configured max age is reused without calling the
     * provider; otherwise the media is staged first. Empty when the provider says the media has no content.
     *
     * @param ttl the URL's lifetime (see {@link Ttl})
     * @param download whether the URL serves the media as an attachment with a generated file name
     * @param requestBase the base URL the caller used
     * @param caller who asks: a staging it starts counts against its share of transfers, and the URL carries its
     *     subject where the store can record who fetched the copy
     */
    public Optional<MediaUrl> url(String providerName, String sessionId, String mediaId, Duration ttl,
            boolean download, URI requestBase, Caller caller) {
        return url(providerName, sessionId, mediaId, ttl, download, requestBase, caller, true, null);
    }

    /**
     * As {@link #url}, staging from media this caller has already opened with {@link #open} (and read nothing of), so
     * that the provider is not asked for it again; the content is closed in every case (shared with a staging already
     * running, or after its copy is staged or has failed).
     */
    public Optional<MediaUrl> url(String providerName, String sessionId, String mediaId, Duration ttl,
            boolean download, URI requestBase, Caller caller, MediaContent opened) {
        try {
            return url(providerName, sessionId, mediaId, ttl, download, requestBase, caller, true, opened);
        } finally {
            closeQuietly(opened);
        }
    }

    /** A URL to a fresh staged copy, as {@link #url} gives, but empty rather than staging when there is none. */
    public Optional<MediaUrl> urlIfStaged(String providerName, String sessionId, String mediaId, Duration ttl,
            boolean download, URI requestBase, Caller caller) {
        return url(providerName, sessionId, mediaId, ttl, download, requestBase, caller, false, null);
    }

    private Optional<MediaUrl> url(String providerName, String sessionId, String mediaId, Duration ttl,
            boolean download, URI requestBase, Caller caller, boolean stage, MediaContent opened) {
        IdvProvider provider = providers.get(providerName);
        StagedKey key = new StagedKey(provider.name(), Ids.requireUuid("sessionId", sessionId),
                Ids.requireUuid("mediaId", mediaId));
        MediaStore store = stores.store();
        Optional<StagedMedia> staged = fresh(store, key);
        if (staged.isEmpty() && stage) {
            staged = stageOnce(provider, store, key, Keeping.ON_DEMAND,
                    () -> kindOf(provider, key.sessionId(), key.mediaId()), caller.shareKey(), opened);
        }
        return staged.map(media -> storeCall(() -> store.presign(key, media, ttl,
                download ? Optional.of(MediaFileNames.of(media.kind(), key.mediaId(), media.contentType()))
                        : Optional.empty(), requestBase, caller.subject())));
    }

    /** A staged copy that may be served now without asking the provider, if there is one; no provider call. */
    public Optional<StagedMedia> freshCopy(String providerName, String sessionId, String mediaId) {
        IdvProvider provider = providers.get(providerName);
        return fresh(stores.store(), new StagedKey(provider.name(), Ids.requireUuid("sessionId", sessionId),
                Ids.requireUuid("mediaId", mediaId)));
    }

    /**
     * Stages the media now (sharing a staging already running for it), for staging jobs, which have read the
     * session's media index already and say what the media shows ({@code kind}, null when unknown); the copy may be
     * served until {@code reuseUntil}. Empty when the provider says the media has no content.
     */
    public Optional<StagedMedia> stage(String providerName, String sessionId, String mediaId, MediaKind kind,
            Keeping keeping) {
        IdvProvider provider = providers.get(providerName);
        StagedKey key = new StagedKey(provider.name(), Ids.requireUuid("sessionId", sessionId),
                Ids.requireUuid("mediaId", mediaId));
        return stageOnce(provider, stores.store(), key, keeping, () -> kind, Transfers.INTERNAL, null);
    }

    /**
     * The media's size before it is staged: from the provider's media index when it tells, else from the
     * Content-Length of the media's answer (whose body is then closed unread); empty when neither tells.
     */
    public OptionalLong expectedSize(String providerName, String sessionId, String mediaId) {
        IdvProvider provider = providers.get(providerName);
        String sid = Ids.requireUuid("sessionId", sessionId);
        String mid = Ids.requireUuid("mediaId", mediaId);
        Optional<Long> indexed = provider.listMedia(sid).stream().filter(m -> m.id().equals(mid))
                .map(MediaItem::size).filter(Objects::nonNull).findFirst();
        if (indexed.isPresent()) {
            return OptionalLong.of(indexed.get());
        }
        MediaContent media = provider.getMedia(sid, mid);
        OptionalLong length = media.contentLength();
        media.body().ifPresent(GetMediaOperation::closeQuietly);
        return length;
    }

    private Optional<StagedMedia> fresh(MediaStore store, StagedKey key) {
        return storeCall(() -> store.findUndeleted(key))
                .filter(m -> m.reusableAt(clock.instant(), stores.config().stagedMaxAge()));
    }

    /** The file name a download of this media gets; its kind comes from the provider's media index if it can. */
    public String downloadName(String providerName, String sessionId, String mediaId, String contentType) {
        IdvProvider provider = providers.get(providerName);
        return MediaFileNames.of(kindOf(provider, Ids.requireUuid("sessionId", sessionId),
                Ids.requireUuid("mediaId", mediaId)), mediaId, contentType);
    }

    /** Best effort: a name without the kind is still a good name, so a failed look-up costs nothing more. */
    private static MediaKind kindOf(IdvProvider provider, String sessionId, String mediaId) {
        try {
            return provider.listMedia(sessionId).stream().filter(m -> m.id().equals(mediaId))
                    .map(MediaItem::kind).findFirst().orElse(null);
        } catch (IdvException e) {
            LOG.debugf("No media kind for %s (%s)", mediaId, e.type().uri());
            return null;
        }
    }

    /**
     * One staging per media at a time in this instance: a request for a media already being staged waits for that
     * staging and shares its result (one provider download, one upload), and at most
     * {@code idv.media.max-concurrent-stagings} run at once.
     */
    private Optional<StagedMedia> stageOnce(IdvProvider provider, MediaStore store, StagedKey key, Keeping keeping,
            Supplier<MediaKind> kind, String caller, MediaContent opened) {
        Flight flight = new Flight(key, keeping.archive());
        CompletableFuture<Optional<StagedMedia>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<StagedMedia>> running = inFlight.putIfAbsent(flight, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof IdvException idv ? idv : new IdvException(ProblemType.INTERNAL,
                        "Staging media " + key.mediaId() + " failed", e.getCause());
            }
        }
        try {
            if (!stagings.tryAcquire()) {
                throw new BusyException("Too many media are being staged at once; retry shortly",
                        Duration.ofSeconds(2));
            }
            try {
                Optional<StagedMedia> staged = stage(provider, store, key, keeping, kind.get(), caller, opened);
                mine.complete(staged);
                return staged;
            } finally {
                stagings.release();
            }
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(flight, mine);
        }
    }

    /**
     * Copies the media from the provider into the store. Nothing has reached the caller yet, so a provider body
     * that breaks is retried once; a signature mismatch is not. A delete always wins: a copy whose staging began
     * before a deletion recorded for the media or its session (checked once its manifest is written) is removed
     * again and never served.
     */
    private Optional<StagedMedia> stage(IdvProvider provider, MediaStore store, StagedKey key, Keeping keeping,
            MediaKind kind, String caller, MediaContent opened) {
        Transfer transfer = null;
        try {
            for (int attempt = 1; ; attempt++) {
                Instant startedAt = clock.instant();
                // The first attempt may use media the caller opened (its body watched by the transfer it holds,
                // which closing the body ends); any other opens it here, in a transfer of its own.
                boolean reuse = attempt == 1 && opened != null;
                if (!reuse && transfer == null) {
                    transfer = transfers.begin(caller);
                }
                MediaContent media = reuse ? opened : provider.getMedia(key.sessionId(), key.mediaId());
                if (!media.hasContent()) {
                    return Optional.empty();
                }
                InFlight download = new InFlight(key, media.body().get(), new AtomicBoolean());
                downloads.add(download);
                try (InputStream body = reuse ? download.body()
                        : transfer.source(download.body(), provider.name(), key.mediaId())) {
                    StagedMedia staged = store.stage(key, media.contentType().orElse(OCTET_STREAM), kind, body,
                            startedAt, keeping);
                    if (store.deletedSince(key, startedAt)) {
                        // Never served (the deletion is recorded); removed by a purge job, since the functions
                        // that read copies may not delete them.
                        purgeLater(key);
                        throw deletedWhileStaging(key);
                    }
                    return Optional.of(staged);
                } catch (SourceReadException e) {
                    if (download.cancelled().get()) {
                        // A delete dropped the download: nothing was kept, and nothing is retried.
                        throw deletedWhileStaging(key);
                    }
                    MediaBodyException failure = MediaBodyException.of((IOException) e.getCause());
                    if (!failure.retryable() || attempt >= 2) {
                        throw failure.problem("nothing was kept");
                    }
                    LOG.debugf("Staging %s failed while reading (attempt %d); retrying", key.path(), attempt);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof IdvException idv) {
                        throw idv;
                    }
                    if (storeCall(() -> store.deletedSince(key, startedAt))) {
                        // The delete removed the copy being written: that is its doing, not a store failure.
                        throw deletedWhileStaging(key);
                    }
                    throw StoreErrors.problem("The media store failed while staging media " + key.mediaId()
                            + "; nothing was kept", e);
                } finally {
                    downloads.remove(download);
                }
            }
        } finally {
            if (transfer != null) {
                transfer.close();
            }
        }
    }

    /**
     * Drops the provider downloads of the stagings in this instance for a session (or one media) whose deletion was
     * just recorded: they end at once, keep nothing and are not retried. Stagings in other instances find the
     * deletion when they check it, as their copy completes.
     *
     * @return how many were dropped
     */
    public int cancelStagings(String provider, String sessionId, Optional<String> mediaId) {
        int dropped = 0;
        for (InFlight download : downloads) {
            StagedKey key = download.key();
            if (key.provider().equals(provider) && key.sessionId().equals(sessionId)
                    && mediaId.map(key.mediaId()::equals).orElse(true)) {
                download.cancelled().set(true);
                closeQuietly(download.body());
                dropped++;
            }
        }
        return dropped;
    }

    private void purgeLater(StagedKey key) {
        try {
            jobs.get().submit(StagingJob.purge(key.provider(), key.sessionId(), key.mediaId(), "raced-delete"));
        } catch (RuntimeException e) {
            // The copy is never served, and the bucket's expiry removes it.
            LOG.warnf("No purge job could be queued for media %s of session %s (%s)", key.mediaId(), key.sessionId(),
                    StoreErrors.describe(e));
        }
    }

    private static IdvException deletedWhileStaging(StagedKey key) {
        return new IdvException(ProblemType.CONFLICT, "Media " + key.mediaId() + " or its session was deleted while"
                + " it was being staged; nothing was kept");
    }

    private static <T> T storeCall(StoreCall<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The media store failed", e);
        }
    }

    /** A staging's provider download, which a delete of its media or session may drop. */
    private record InFlight(StagedKey key, InputStream body, AtomicBoolean cancelled) {
    }

    /** One staging in flight: of a media, into the staged copies or the archive. */
    private record Flight(StagedKey key, boolean archive) {
    }

    /** A call to the store. */
    @FunctionalInterface
    private interface StoreCall<T> {
        T run();
    }

    /**
     * Opens the media and reads its first bytes before anything is sent to the caller, so that a provider failing
     * at the very start is retried once and otherwise answered with a clean problem. After that first read the
     * body is handed over and never retried: bytes may already have reached the caller.
     */
    private static MediaContent openWithFirstBytes(IdvProvider provider, String sessionId, String mediaId,
            Transfer transfer) {
        for (int attempt = 1; ; attempt++) {
            MediaContent media = provider.getMedia(sessionId, mediaId);
            if (!media.hasContent()) {
                transfer.close();
                return media;
            }
            InputStream source = transfer.source(media.body().get(), provider.name(), mediaId);
            // Closing what the caller gets also ends the transfer; a failed attempt closes only its own source.
            PushbackInputStream body = new PushbackInputStream(source, FIRST_READ) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        transfer.close();
                    }
                }
            };
            try {
                // Fill the first buffer (or reach the end): a small media item is then checked whole, signature
                // included, before the caller gets a status.
                byte[] first = new byte[FIRST_READ];
                int n = body.readNBytes(first, 0, FIRST_READ);
                if (n > 0) {
                    body.unread(first, 0, n);
                }
                return new MediaContent(media.providerStatus(), media.contentType(), media.contentLength(),
                        Optional.of(body));
            } catch (IOException e) {
                closeQuietly(source);
                MediaBodyException failure = MediaBodyException.of(e);
                if (!failure.retryable() || attempt >= 2) {
                    throw failure.problem("nothing was delivered");
                }
            }
        }
    }

    private static void closeQuietly(MediaContent media) {
        try {
            if (media != null) {
                media.close();
            }
        } catch (IOException e) {
            // Released either way.
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The body already failed; its close cannot tell us more.
        }
    }
}
