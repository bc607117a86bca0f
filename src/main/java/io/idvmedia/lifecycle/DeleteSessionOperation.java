package io.idvmedia.lifecycle;

import io.idvmedia.provider.DeletionScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * delete-session: deletes the session at the provider and every staged copy of its media, and keeps a signed receipt
 * of it. The staged copies go whatever the provider answers, and the answer (or the problem) says which were removed.
 */
@ApplicationScoped
public class DeleteSessionOperation {

    private final Erasure erasure;

    @Inject
    public DeleteSessionOperation(Erasure erasure) {
        this.erasure = erasure;
    }

    /**
     * @param scope how far the deletion may reach: a provider whose deletion would take more than the session (an
     *     Onfido applicant's other runs) refuses with 409 before anything, its staged copies included, is deleted
     * @param instruction the caller's instruction: repeated, the delete answers the same receipt
     */
    public DeletionReport execute(String providerName, String sessionId, DeletionScope scope,
            Instruction instruction) {
        return erasure.erase(providerName, sessionId, null, scope, instruction);
    }
}
