package io.idvmedia.operation;

import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.StoreErrors;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.Ids;
import io.idvmedia.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * delete-session: deletes the session at the provider and every staged copy of its media. The staged copies go
 * whatever the provider answers, and the answer (or the problem) says which were removed.
 */
@ApplicationScoped
public class DeleteSessionOperation {

    private final ProviderRegistry providers;
    private final MediaStores stores;

    @Inject
    public DeleteSessionOperation(ProviderRegistry providers, MediaStores stores) {
        this.providers = providers;
        this.stores = stores;
    }

    public DeletionReport execute(String providerName, String sessionId) {
        IdvProvider provider = providers.get(providerName);
        String id = Ids.requireUuid("sessionId", sessionId);
        Deletion deletion;
        try {
            deletion = provider.deleteSession(id);
        } catch (IdvException e) {
            throw e.withExtension(DeletionReport.STAGED_COPIES_REMOVED, purge(provider, id));
        }
        return new DeletionReport(provider.name(), id, null, deletion.providerStatus(), purge(provider, id));
    }

    private List<String> purge(IdvProvider provider, String sessionId) {
        try {
            // Recorded first: a staging of the session's media still running must not leave a copy behind.
            stores.store().markDeleted(provider.name(), sessionId, Optional.empty(), Instant.now());
            return stores.store().deleteSession(provider.name(), sessionId);
        } catch (IdvException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IdvException(ProblemType.STORE_UNAVAILABLE, "The staged copies of session " + sessionId
                    + " could not be removed (" + StoreErrors.describe(e) + "); retry the delete", e);
        }
    }
}
