package io.idvmedia.lifecycle;

import io.idvmedia.provider.DeletionScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * delete-media: deletes one media item's content at the provider and its staged copy, and keeps a signed receipt of
 * it. The staged copy goes whatever the provider answers (even when the provider cannot delete single media items).
 */
@ApplicationScoped
public class DeleteMediaOperation {

    private final Erasure erasure;

    @Inject
    public DeleteMediaOperation(Erasure erasure) {
        this.erasure = erasure;
    }

    /** @param instruction the caller's instruction: repeated, the delete answers the same receipt */
    public DeletionReport execute(String providerName, String sessionId, String mediaId, Instruction instruction) {
        return erasure.erase(providerName, sessionId, mediaId, DeletionScope.SESSION, instruction);
    }
}
