package io.idvmedia.operation;

import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.StoreErrors;
import io.idvmedia.media.StagedKey;
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
 * delete-media: deletes one media item's content at the provider and its staged copy. The staged copy goes
 * whatever the provider answers (even when the provider cannot delete single media items).
 */
@ApplicationScoped
public class DeleteMediaOperation {

    private final ProviderRegistry providers;
    private final MediaStores stores;

    @Inject
    public DeleteMediaOperation(ProviderRegistry providers, MediaStores stores) {
        this.providers = providers;
        this.stores = stores;
    }

    public DeletionReport execute(String providerName, String sessionId, String mediaId) {
        IdvProvider provider = providers.get(providerName);
        StagedKey key = new StagedKey(provider.name(), Ids.requireUuid("sessionId", sessionId),
                Ids.requireUuid("mediaId", mediaId));
        Deletion deletion;
        try {
            deletion = provider.deleteMedia(key.sessionId(), key.mediaId());
        } catch (IdvException e) {
            throw e.withExtension(DeletionReport.STAGED_COPIES_REMOVED, purge(key));
        }
        return new DeletionReport(provider.name(), key.sessionId(), key.mediaId(), deletion.providerStatus(),
                purge(key));
    }

    private List<String> purge(StagedKey key) {
        try {
            // Recorded first: a staging of this media still running must not leave a copy behind.
            stores.store().markDeleted(key.provider(), key.sessionId(), Optional.of(key.mediaId()), Instant.now());
            return stores.store().deleteMedia(key) ? List.of(key.mediaId()) : List.of();
        } catch (IdvException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IdvException(ProblemType.STORE_UNAVAILABLE, "The staged copy of media " + key.mediaId()
                    + " could not be removed (" + StoreErrors.describe(e) + "); retry the delete", e);
        }
    }
}
