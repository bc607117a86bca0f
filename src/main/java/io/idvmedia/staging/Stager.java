package io.idvmedia.staging;

import io.idvmedia.error.BusyException;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.MediaBodyException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.Keeping;
import io.idvmedia.media.MediaStore;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.SourceReadException;
import io.idvmedia.media.StagedKey;
import io.idvmedia.media.StagedMedia;
import io.idvmedia.media.StoreErrors;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.transfer.Transfer;
import io.idvmedia.transfer.Transfers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The staging engine: copies a media item from its provider into the store of staged copies, one staging per media
 * at a time in this instance, bounded, watched, retried once while nothing has reached anyone, and always beaten by a
 * delete. get-media stages through it on demand, staging jobs ahead of time; a delete cancels what it runs.
 */
@ApplicationScoped
public class Stager {

    private static final Logger LOG = Logger.getLogger(Stager.class);
    private static final String OCTET_STREAM = "application/octet-stream";

    private final MediaStores stores;
    private final Transfers transfers;
    /** Looked up when first needed: the job queue's own staging jobs run through this engine. */
    private final Provider<JobQueue> jobs;
    private final Clock clock;
    private final Semaphore stagings;
    private final Map<Flight, CompletableFuture<Optional<StagedMedia>>> inFlight = new ConcurrentHashMap<>();
    /** The provider downloads of the stagings running in this instance. */
    private final Set<InFlight> downloads = ConcurrentHashMap.newKeySet();

    @Inject
    public Stager(MediaStores stores, Transfers transfers, Provider<JobQueue> jobs) {
        this.stores = stores;
        this.transfers = transfers;
        this.jobs = jobs;
        this.clock = Clock.systemUTC();
        this.stagings = new Semaphore(stores.config().maxConcurrentStagings());
    }

    /** A staged copy that may be served now without asking the provider, if there is one; no provider call. */
    public Optional<StagedMedia> fresh(StagedKey key) {
        return storeCall(() -> stores.store().findUndeleted(key))
                .filter(m -> m.reusableAt(clock.instant(), stores.config().stagedMaxAge()));
    }

    /**
     * One staging per media at a time in this instance: a request for a media already being staged waits for that
     * staging and shares its result (one provider download, one upload), and at most
     * {@code idv.media.max-concurrent-stagings} run at once. Empty when the provider says the media has no content.
     *
     * @param kind what the media shows, looked up only when this call stages it
     * @param caller whose share of transfers the staging counts against ({@link Transfers#INTERNAL} for jobs)
     * @param opened the media when the caller has opened it already (and read nothing of it), staged from as it is;
     *     null when the staging opens it; the caller closes it
     */
    public Optional<StagedMedia> stage(IdvProvider provider, StagedKey key, Keeping keeping, Supplier<MediaKind> kind,
            String caller, MediaContent opened) {
        return stage(key, keeping, kind, caller, opened, transfer -> provider.getMedia(key.sessionId(),
                key.mediaId()));
    }

    /**
     * As {@link #stage(IdvProvider, StagedKey, Keeping, Supplier, String, MediaContent)}, for a copy whose bytes
     * are not one provider download (a session's export): {@code source} opens them, in the staging's transfer
     * (for the provider downloads it makes to be watched), as often as the staging is attempted.
     */
    public Optional<StagedMedia> stage(StagedKey key, Keeping keeping, Supplier<MediaKind> kind, String caller,
            Function<Transfer, MediaContent> source) {
        return stage(key, keeping, kind, caller, null, source);
    }

    private Optional<StagedMedia> stage(StagedKey key, Keeping keeping, Supplier<MediaKind> kind, String caller,
            MediaContent opened, Function<Transfer, MediaContent> source) {
        MediaStore store = stores.store();
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
                Optional<StagedMedia> staged = stage(store, key, keeping, kind.get(), caller, opened, source);
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
    private Optional<StagedMedia> stage(MediaStore store, StagedKey key, Keeping keeping, MediaKind kind,
            String caller, MediaContent opened, Function<Transfer, MediaContent> source) {
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
                // Registered before the provider is asked, so that a delete landing before it answers drops the
                // download too, as soon as it begins.
                InFlight download = new InFlight(key, new AtomicReference<>(), new AtomicBoolean());
                downloads.add(download);
                try {
                    MediaContent media = reuse ? opened : source.apply(transfer);
                    if (!media.hasContent()) {
                        return Optional.empty();
                    }
                    InputStream providerBody = media.body().get();
                    download.body().set(providerBody);
                    try (InputStream body = reuse ? providerBody
                            : transfer.source(providerBody, key.provider(), key.mediaId())) {
                        if (download.cancelled().get()) {
                            throw deletedWhileStaging(key);
                        }
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
                    }
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
    public int cancel(String provider, String sessionId, Optional<String> mediaId) {
        int dropped = 0;
        for (InFlight download : downloads) {
            StagedKey key = download.key();
            if (key.provider().equals(provider) && key.sessionId().equals(sessionId)
                    && mediaId.map(key.mediaId()::equals).orElse(true)) {
                download.cancelled().set(true);
                // Not there yet if the provider has not answered: the staging drops the body once it has it.
                InputStream body = download.body().get();
                if (body != null) {
                    closeQuietly(body);
                }
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
    private record InFlight(StagedKey key, AtomicReference<InputStream> body, AtomicBoolean cancelled) {
    }

    /** One staging in flight: of a media, into the staged copies or the archive. */
    private record Flight(StagedKey key, boolean archive) {
    }

    /** A call to the store. */
    @FunctionalInterface
    private interface StoreCall<T> {
        T run();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Dropped either way.
        }
    }
}
