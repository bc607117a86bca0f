package io.idvmedia.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * get-receipts: a session's erasure receipts, oldest first; and the public JWK Set every receipt verifies with. No
 * provider is asked.
 */
@ApplicationScoped
public class ReceiptsOperation {

    private final ProviderRegistry providers;
    private final Receipts receipts;
    private final ReceiptSigner signer;

    @Inject
    public ReceiptsOperation(ProviderRegistry providers, Receipts receipts, ReceiptSigner signer) {
        this.providers = providers;
        this.receipts = receipts;
        this.signer = signer;
    }

    /** A session's receipts: {@code {"receipts": [{"receiptId", "receipt"}]}}. */
    public ReceiptList list(String providerName, String sessionId) {
        IdvProvider provider = providers.get(providerName);
        String sid = provider.sessionIds().require("sessionId", sessionId);
        return new ReceiptList(receipts.list(provider.name(), sid).stream()
                .map(r -> new ReceiptEntry(r.payload().receiptId(), r.receipt(),
                        r.receipt() == null ? r.payload() : null))
                .toList());
    }

    /** The public JWK Set of the receipt signing key (empty when none is configured). */
    public String jwks() {
        return signer.jwks();
    }

    /** The answer of get-receipts. */
    public record ReceiptList(List<ReceiptEntry> receipts) {
    }

    /**
     * One receipt.
     *
     * @param receiptId its id
     * @param receipt its compact JWS
     * @param unsigned what it says, for a receipt that could not be signed (no signing key was configured)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReceiptEntry(String receiptId, String receipt, ErasureReceipt unsigned) {
    }
}
