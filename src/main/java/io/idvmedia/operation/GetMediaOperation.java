package io.idvmedia.operation;

import io.idvmedia.error.NotImplementedException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.provider.http.ResponseSignatureException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.SocketTimeoutException;
import java.util.Optional;

/** get-media: one media item's bytes, streamed from the provider. */
@ApplicationScoped
public class GetMediaOperation {

    private static final int FIRST_READ = 64 * 1024;

    private final ProviderRegistry providers;

    @Inject
    public GetMediaOperation(ProviderRegistry providers) {
        this.providers = providers;
    }

    /**
     * Opens the media. The caller owns the returned content and must close it.
     *
     * @param delivery how the caller wants it; {@code auto} means the caller's runtime can stream
     */
    public MediaContent execute(String providerName, String sessionId, String mediaId, Delivery delivery) {
        IdvProvider provider = providers.get(providerName);
        String sid = Ids.requireUuid("sessionId", sessionId);
        String mid = Ids.requireUuid("mediaId", mediaId);
        if (delivery == Delivery.URL || delivery == Delivery.REDIRECT) {
            throw new NotImplementedException("delivery=" + delivery + " needs a media store, which this version"
                    + " does not have; use delivery=stream");
        }
        return openWithFirstBytes(provider, sid, mid);
    }

    /**
     * Opens the media and reads its first bytes before anything is sent to the caller, so that a provider failing
     * at the very start is retried once and otherwise answered with a clean problem. After that first read the
     * body is handed over and never retried: bytes may already have reached the caller.
     */
    private static MediaContent openWithFirstBytes(IdvProvider provider, String sessionId, String mediaId) {
        for (int attempt = 1; ; attempt++) {
            MediaContent media = provider.getMedia(sessionId, mediaId);
            if (!media.hasContent()) {
                return media;
            }
            PushbackInputStream body = new PushbackInputStream(media.body().get(), FIRST_READ);
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
            } catch (ResponseSignatureException e) {
                closeQuietly(body);
                throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE, provider.name()
                        + "'s response signature did not match media " + mediaId + "; nothing was delivered", e);
            } catch (IOException e) {
                closeQuietly(body);
                if (attempt >= 2) {
                    throw new ProviderException(e instanceof SocketTimeoutException
                            ? ProblemType.PROVIDER_TIMEOUT : ProblemType.PROVIDER_ERROR,
                            provider.name() + " failed while starting to send media " + mediaId, e);
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
