package io.idvmedia.operation;

import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaList;
import io.idvmedia.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** list-media: every media item of a session, in one shape for every provider. */
@ApplicationScoped
public class ListMediaOperation {

    private final ProviderRegistry providers;

    @Inject
    public ListMediaOperation(ProviderRegistry providers) {
        this.providers = providers;
    }

    public MediaList execute(String providerName, String sessionId) {
        IdvProvider provider = providers.get(providerName);
        String id = provider.sessionIds().require("sessionId", sessionId);
        return new MediaList(provider.name(), id, provider.listMedia(id));
    }
}
