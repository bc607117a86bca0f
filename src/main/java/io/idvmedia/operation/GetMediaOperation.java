package io.idvmedia.operation;

import io.idvmedia.access.Caller;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.MediaBodyException;
import io.idvmedia.media.Keeping;
import io.idvmedia.media.MediaFileNames;
import io.idvmedia.media.MediaStore;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.MediaUrl;
import io.idvmedia.media.StagedKey;
import io.idvmedia.media.StagedMedia;
import io.idvmedia.media.StoreErrors;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.staging.Stager;
import io.idvmedia.transfer.Transfer;
import io.idvmedia.transfer.Transfers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.Duration;
import java.util.Optional;
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
    private final Stager stager;

    @Inject
    public GetMediaOperation(ProviderRegistry providers, MediaStores stores, Transfers transfers, Stager stager) {
        this.providers = providers;
        this.stores = stores;
        this.transfers = transfers;
        this.stager = stager;
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
        String sid = provider.sessionIds().require("sessionId", sessionId);
        String mid = provider.mediaIds().require("mediaId", mediaId);
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
     * @param caller who asks: a staging it starts counts against its share of transfers, and the URL carries its
     *     subject where the store can record who fetched the copy
     */
    public Optional<MediaUrl> url(String providerName, String sessionId, String mediaId, Duration ttl,
            boolean download, Caller caller) {
        return url(providerName, sessionId, mediaId, ttl, download, caller, true, null);
    }

    /**
     * As {@link #url}, staging from media this caller has already opened with {@link #open} (and read nothing of), so
     * that the provider is not asked for it again; the content is closed in every case (shared with a staging already
     * running, or after its copy is staged or has failed).
     */
    public Optional<MediaUrl> url(String providerName, String sessionId, String mediaId, Duration ttl,
            boolean download, Caller caller, MediaContent opened) {
        try {
            return url(providerName, sessionId, mediaId, ttl, download, caller, true, opened);
        } finally {
            opened.release();
        }
    }

    /** A URL to a fresh staged copy, as {@link #url} gives, but empty rather than staging when there is none. */
    public Optional<MediaUrl> urlIfStaged(String providerName, String sessionId, String mediaId, Duration ttl,
            boolean download, Caller caller) {
        return url(providerName, sessionId, mediaId, ttl, download, caller, false, null);
    }

    private Optional<MediaUrl> url(String providerName, String sessionId, String mediaId, Duration ttl,
            boolean download, Caller caller, boolean stage, MediaContent opened) {
        IdvProvider provider = providers.get(providerName);
        StagedKey key = new StagedKey(provider.name(), provider.sessionIds().require("sessionId", sessionId),
                provider.mediaIds().require("mediaId", mediaId));
        MediaStore store = stores.store();
        Optional<StagedMedia> staged = stager.fresh(key);
        if (staged.isEmpty() && stage) {
            staged = stager.stage(provider, key, Keeping.ON_DEMAND,
                    () -> kindOf(provider, key.sessionId(), key.mediaId()), caller.shareKey(), opened);
        }
        return staged.map(media -> presign(store, () -> store.presign(key, media, ttl,
                download ? Optional.of(MediaFileNames.of(media.kind(), key.mediaId(), media.contentType()))
                        : Optional.empty(), caller.subject())));
    }

    private static MediaUrl presign(MediaStore store, Supplier<MediaUrl> presign) {
        try {
            return presign.get();
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The media store failed", e);
        }
    }

    /** The file name a download of this media gets; its kind comes from the provider's media index if it can. */
    public String downloadName(String providerName, String sessionId, String mediaId, String contentType) {
        IdvProvider provider = providers.get(providerName);
        return MediaFileNames.of(kindOf(provider, provider.sessionIds().require("sessionId", sessionId),
                provider.mediaIds().require("mediaId", mediaId)), mediaId, contentType);
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


    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The body already failed; its close cannot tell us more.
        }
    }
}
