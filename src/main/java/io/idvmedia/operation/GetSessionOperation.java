package io.idvmedia.operation;

import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.provider.SessionDocument;
import io.idvmedia.provider.SessionSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** get-session: the session's results, as the provider sent them or in the normalized summary shape. */
@ApplicationScoped
public class GetSessionOperation {

    private final ProviderRegistry providers;

    @Inject
    public GetSessionOperation(ProviderRegistry providers) {
        this.providers = providers;
    }

    /** The provider's session JSON, byte for byte. */
    public SessionDocument document(String providerName, String sessionId) {
        IdvProvider provider = providers.get(providerName);
        return provider.getSession(provider.sessionIds().require("sessionId", sessionId));
    }

    /** The normalized summary ({@code view=summary}). */
    public SessionSummary summary(String providerName, String sessionId) {
        IdvProvider provider = providers.get(providerName);
        return provider.summarize(provider.sessionIds().require("sessionId", sessionId));
    }
}
