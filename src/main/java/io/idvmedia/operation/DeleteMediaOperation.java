package io.idvmedia.operation;

import io.idvmedia.error.IdvException;
import io.idvmedia.media.StagedKey;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.staging.CopyPurge;
import io.idvmedia.lifecycle.Holds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * delete-media: deletes one media item's content at the provider and its staged copy. The staged copy goes
 * whatever the provider answers (even when the provider cannot delete single media items).
 */
@ApplicationScoped
public class DeleteMediaOperation {

    private final ProviderRegistry providers;
    private final CopyPurge purge;
    private final Holds holds;

    @Inject
    public DeleteMediaOperation(ProviderRegistry providers, CopyPurge purge, Holds holds) {
        this.providers = providers;
        this.purge = purge;
        this.holds = holds;
    }

    public DeletionReport execute(String providerName, String sessionId, String mediaId) {
        IdvProvider provider = providers.get(providerName);
        StagedKey key = new StagedKey(provider.name(), provider.sessionIds().require("sessionId", sessionId),
                provider.mediaIds().require("mediaId", mediaId));
        // A legal hold on the session stops the delete before the provider, or the store's copies, are touched.
        holds.requireNotHeld(provider.name(), key.sessionId());
        Deletion deletion;
        try {
            deletion = provider.deleteMedia(key.sessionId(), key.mediaId());
        } catch (IdvException e) {
            throw e.withExtension(DeletionReport.STAGED_COPIES_REMOVED, purge.media(key));
        }
        return new DeletionReport(provider.name(), key.sessionId(), key.mediaId(), deletion.providerStatus(),
                purge.media(key));
    }
}
