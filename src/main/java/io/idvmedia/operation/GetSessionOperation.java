package io.idvmedia.operation;

import io.idvmedia.error.NotImplementedException;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.provider.SessionDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** get-session: the session's results, as the provider sent them. */
@ApplicationScoped
public class GetSessionOperation {

    private final ProviderRegistry providers;

    @Inject
    public GetSessionOperation(ProviderRegistry providers) {
        this.providers = providers;
    }

    public SessionDocument execute(String providerName, String sessionId, SessionView view) {
        IdvProvider provider = providers.get(providerName);
        String id = Ids.requireUuid("sessionId", sessionId);
        if (view == SessionView.SUMMARY) {
            throw new NotImplementedException("view=summary is not available in this version");
        }
        return provider.getSession(id);
    }
}
