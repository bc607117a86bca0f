package io.idvmedia.operation;

import io.idvmedia.error.IdvException;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.DeletionScope;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.staging.CopyPurge;
import io.idvmedia.lifecycle.Holds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * delete-session: deletes the session at the provider and every staged copy of its media. The staged copies go
 * whatever the provider answers, and the answer (or the problem) says which were removed.
 */
@ApplicationScoped
public class DeleteSessionOperation {

    private final ProviderRegistry providers;
    private final CopyPurge purge;
    private final Holds holds;

    @Inject
    public DeleteSessionOperation(ProviderRegistry providers, CopyPurge purge, Holds holds) {
        this.providers = providers;
        this.purge = purge;
        this.holds = holds;
    }

    /**
     * @param scope how far the deletion may reach: a provider whose deletion would take more than the session (an
     *     Onfido applicant's other runs) refuses with 409 before anything, its staged copies included, is deleted
     */
    public DeletionReport execute(String providerName, String sessionId, DeletionScope scope) {
        IdvProvider provider = providers.get(providerName);
        String id = provider.sessionIds().require("sessionId", sessionId);
        // A legal hold stops the delete before the provider, or the store's copies, are touched.
        holds.requireNotHeld(provider.name(), id);
        provider.checkDeletionScope(id, scope);
        Deletion deletion;
        try {
            deletion = provider.deleteSession(id);
        } catch (IdvException e) {
            throw e.withExtension(DeletionReport.STAGED_COPIES_REMOVED, purge.session(provider.name(), id));
        }
        return new DeletionReport(provider.name(), id, null, deletion.providerStatus(),
                purge.session(provider.name(), id));
    }
}
