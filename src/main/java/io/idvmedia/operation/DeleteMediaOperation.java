package io.idvmedia.operation;

import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** delete-media: deletes one media item's content at the provider. */
@ApplicationScoped
public class DeleteMediaOperation {

    private final ProviderRegistry providers;

    @Inject
    public DeleteMediaOperation(ProviderRegistry providers) {
        this.providers = providers;
    }

    public Deletion execute(String providerName, String sessionId, String mediaId) {
        IdvProvider provider = providers.get(providerName);
        String sid = Ids.requireUuid("sessionId", sessionId);
        String mid = Ids.requireUuid("mediaId", mediaId);
        return provider.deleteMedia(sid, mid);
    }
}
