package io.idvmedia.operation;

import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** delete-session: deletes the session and its media at the provider. */
@ApplicationScoped
public class DeleteSessionOperation {

    private final ProviderRegistry providers;

    @Inject
    public DeleteSessionOperation(ProviderRegistry providers) {
        this.providers = providers;
    }

    public Deletion execute(String providerName, String sessionId) {
        IdvProvider provider = providers.get(providerName);
        return provider.deleteSession(Ids.requireUuid("sessionId", sessionId));
    }
}
