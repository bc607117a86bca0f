package io.idvmedia.operation;

import io.idvmedia.error.NotImplementedException;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** get-media: one media item's bytes, streamed from the provider. */
@ApplicationScoped
public class GetMediaOperation {

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
        return provider.getMedia(sid, mid);
    }
}
