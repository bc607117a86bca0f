package io.idvmedia.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.access.Caller;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.Keeping;
import io.idvmedia.media.MediaFileNames;
import io.idvmedia.media.MediaStore;
import io.idvmedia.lifecycle.SessionRegistry;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.MediaUrl;
import io.idvmedia.media.StagedKey;
import io.idvmedia.media.StagedMedia;
import io.idvmedia.media.StoreErrors;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.provider.SessionDocument;
import io.idvmedia.provider.SessionSnapshot;
import io.idvmedia.provider.SessionSummary;
import io.idvmedia.staging.ExportStaging;
import io.idvmedia.staging.Stager;
import io.idvmedia.transfer.Transfer;
import io.idvmedia.transfer.Transfers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * export-session: a session's document, summary and every media item as one ZIP (see {@link SessionZip}), streamed
 * as it is built, or staged as a copy of the session and served by a short-lived URL. The session and its media
 * index are read before anything is answered, so that a session the provider refuses is a clean problem; each media
 * item is then downloaded in its turn, through the same checks as get-media's (declared lengths, response
 * signatures), and any failure aborts the export.
 */
@ApplicationScoped
public class ExportSessionOperation implements ExportStaging {

    /** The type of an export. */
    public static final String ZIP = "application/zip";

    private final ProviderRegistry providers;
    private final MediaStores stores;
    private final Transfers transfers;
    private final Stager stager;
    private final ExportConfig config;
    private final ObjectMapper json;
    private final SessionRegistry registry;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public ExportSessionOperation(ProviderRegistry providers, MediaStores stores, Transfers transfers, Stager stager,
            ExportConfig config, ObjectMapper json, SessionRegistry registry) {
        this.providers = providers;
        this.registry = registry;
        this.stores = stores;
        this.transfers = transfers;
        this.stager = stager;
        this.config = config;
        this.json = json;
    }

    /** An export being built: its download name, and the ZIP's bytes as they are made. */
    public record Export(String fileName, InputStream zip) {
    }

    /**
     * The export as a stream, in one of the instance's transfer slots (429 or 503 before the provider is called, as
     * for get-media). The caller owns the stream and must close it, which frees the slot.
     *
     * @param written told each media id once its bytes are wholly in the ZIP (for the audit line)
     */
    public Export open(String providerName, String sessionId, Caller caller, Consumer<String> written) {
        IdvProvider provider = providers.get(providerName);
        String sid = provider.sessionIds().require("sessionId", sessionId);
        Transfer transfer = transfers.begin(caller.shareKey());
        try {
            // Closing the ZIP also ends the transfer, freeing its slot.
            return new Export(MediaFileNames.export(provider.name(), sid),
                    new FilterInputStream(zip(provider, sid, caller.subject(), transfer, written)) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                transfer.close();
                            }
                        }
                    });
        } catch (RuntimeException e) {
            transfer.close();
            throw e;
        }
    }

    /**
     * A URL to the session's staged export: one younger than {@code idv.exports.max-age} is served without asking
     * the provider; otherwise the session is exported into the store first (all or nothing).
     *
     * @param written told each media id the export holds when this call built it
     */
    public MediaUrl url(String providerName, String sessionId, Duration ttl, Caller caller,
            Consumer<String> written) {
        IdvProvider provider = providers.get(providerName);
        StagedKey key = StagedKey.export(provider.name(), provider.sessionIds().require("sessionId", sessionId));
        StagedMedia staged = fresh(key).orElseGet(() -> stage(provider, key, caller.subject(), caller.shareKey(),
                written));
        return presign(key, staged, ttl, caller);
    }

    /** A URL to a fresh staged export, as {@link #url} gives, but empty rather than exporting when there is none. */
    public Optional<MediaUrl> urlIfStaged(String providerName, String sessionId, Duration ttl, Caller caller) {
        IdvProvider provider = providers.get(providerName);
        StagedKey key = StagedKey.export(provider.name(), provider.sessionIds().require("sessionId", sessionId));
        return fresh(key).map(staged -> presign(key, staged, ttl, caller));
    }

    /**
     * Stages the session's export unless a fresh one is staged (what a staging job of kind export does).
     *
     * @param subject the grant subject the export is made for, named in its manifest
     * @return the media ids the staged export holds, or empty when a fresh one was already staged
     */
    @Override
    public Optional<List<String>> stageUnlessFresh(String providerName, String sessionId, Optional<String> subject) {
        IdvProvider provider = providers.get(providerName);
        StagedKey key = StagedKey.export(provider.name(), provider.sessionIds().require("sessionId", sessionId));
        if (fresh(key).isPresent()) {
            return Optional.empty();
        }
        List<String> written = new CopyOnWriteArrayList<>();
        stage(provider, key, subject, Transfers.INTERNAL, written::add);
        return Optional.of(written);
    }

    /** A staged export younger than its max age (its reuseUntil), not deleted since. */
    private Optional<StagedMedia> fresh(StagedKey key) {
        return stager.fresh(key);
    }

    private StagedMedia stage(IdvProvider provider, StagedKey key, Optional<String> subject, String share,
            Consumer<String> written) {
        Keeping keeping = new Keeping(clock.instant().plus(config.maxAge()), false);
        return stager.stage(key, keeping, () -> null, share, transfer -> new MediaContent(200, Optional.of(ZIP),
                OptionalLong.empty(), Optional.of(zip(provider, key.sessionId(), subject, transfer, written))))
                .orElseThrow(() -> new IllegalStateException("An export always has content"));
    }

    private MediaUrl presign(StagedKey key, StagedMedia staged, Duration ttl, Caller caller) {
        MediaStore store = stores.store();
        try {
            return store.presign(key, staged, ttl, Optional.of(MediaFileNames.of(key, staged)), caller.subject());
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The media store failed", e);
        }
    }

    /** Reads the session and its media index (failing cleanly), then builds the ZIP as it is read. */
    private SessionZip zip(IdvProvider provider, String sessionId, Optional<String> subject, Transfer transfer,
            Consumer<String> written) {
        // One read of the session for both documents, so that the summary is the summary of session.json.
        SessionSnapshot snapshot = provider.snapshot(sessionId);
        SessionDocument session = snapshot.document();
        SessionSummary summary = snapshot.summary();
        // Exported evidence is held by the service: the session is registered, and retention counts from now.
        registry.seen(provider.name(), sessionId, summary.state() == SessionSummary.State.COMPLETED);
        byte[] summaryJson;
        try {
            summaryJson = json.writeValueAsBytes(summary);
        } catch (JsonProcessingException e) {
            throw new IdvException(ProblemType.INTERNAL, "The session's summary could not be written", e);
        }
        return new SessionZip(provider.name(), sessionId, clock.instant(), subject.orElse(null), session.json(),
                summaryJson, summary.media(), item -> media(provider, sessionId, item, transfer), written, json);
    }

    /** One media item, its body watched by the export's transfer like any provider download. */
    private static MediaContent media(IdvProvider provider, String sessionId, MediaItem item, Transfer transfer) {
        MediaContent media = provider.getMedia(sessionId, item.id());
        if (!media.hasContent()) {
            return media;
        }
        return new MediaContent(media.providerStatus(), media.contentType(), media.contentLength(),
                Optional.of(transfer.source(media.body().get(), provider.name(), item.id())));
    }
}
