package io.idvmedia.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.RemovedCopy;
import io.idvmedia.media.StagedKey;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.DeletionScope;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.staging.CopyPurge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What both deletes do, asked for by a caller or by retention: refuse a held session, delete at the provider, remove
 * every copy, and keep a signed receipt of it under the caller's instruction. An instruction already carried out
 * answers its receipt again and asks the provider nothing. The provider's final answers ({@code deleted},
 * {@code already-absent}, {@code not-supported}, {@code refused}) make a receipt; a passing failure (a 429, a 5xx, a
 * timeout, a store that failed) makes none yet: what was done is kept for the retry, which finishes the receipt.
 */
@ApplicationScoped
class Erasure {

    static final String INSTRUCTION_ID = "instructionId";
    static final String RECEIPT_ID = "receiptId";
    static final String RECEIPT = "receipt";
    private static final Logger LOG = Logger.getLogger(Erasure.class);

    private final ProviderRegistry providers;
    private final CopyPurge purge;
    private final Holds holds;
    private final Receipts receipts;
    private final ReceiptSigner signer;
    private final SessionRegistry registry;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    @Inject
    Erasure(ProviderRegistry providers, CopyPurge purge, Holds holds, Receipts receipts, ReceiptSigner signer,
            SessionRegistry registry, ObjectMapper json) {
        this.providers = providers;
        this.purge = purge;
        this.holds = holds;
        this.receipts = receipts;
        this.signer = signer;
        this.registry = registry;
        this.json = json;
    }

    /** Deletes a session ({@code mediaId} null) or one media item of it. */
    DeletionReport erase(String providerName, String sessionId, String mediaId, DeletionScope scope,
            Instruction instruction) {
        IdvProvider provider = providers.get(providerName);
        String sid = provider.sessionIds().require("sessionId", sessionId);
        String mid = mediaId == null ? null : provider.mediaIds().require("mediaId", mediaId);
        Optional<StoredReceipt> done = receipts.find(provider.name(), sid, instruction.id());
        if (done.isPresent()) {
            return replay(done.get(), mid);
        }
        // A legal hold stops the delete before the provider, or the store's copies, are touched.
        holds.requireNotHeld(provider.name(), sid);
        if (mid == null) {
            provider.checkDeletionScope(sid, scope);
        }
        Optional<PendingErasure> pending = receipts.pending(provider.name(), sid, instruction.id());
        String requestedAt = pending.map(PendingErasure::requestedAt).orElseGet(this::now);
        List<RemovedCopy> copies = new ArrayList<>(pending.map(PendingErasure::copiesRemoved).orElse(List.of()));
        List<String> copyIds = new ArrayList<>(pending.map(PendingErasure::stagedCopiesRemoved).orElse(List.of()));

        Outcome outcome;
        IdvException refusal = null;
        if (pending.isPresent() && pending.get().providerOutcome() != null) {
            // The provider answered this instruction before: it is not asked again.
            outcome = new Outcome(pending.get().providerOutcome(), pending.get().providerStatus());
            if (pending.get().problem() != null) {
                refusal = new IdvException(ProblemType.valueOf(pending.get().problem()), pending.get().detail());
            }
        } else {
            try {
                Deletion deletion = mid == null ? provider.deleteSession(sid) : provider.deleteMedia(sid, mid);
                outcome = new Outcome(ErasureReceipt.DELETED, deletion.providerStatus());
            } catch (IdvException e) {
                Optional<Outcome> last = Outcome.last(e);
                if (last.isEmpty()) {
                    // A passing failure: the copies go all the same, and the retry finishes what is begun.
                    removeCopies(provider.name(), sid, mid, copies, copyIds, requestedAt, null, null, instruction,
                            e);
                    keepPending(provider.name(), sid, instruction, requestedAt, null, null, copies, copyIds);
                    throw e.withExtension(DeletionReport.STAGED_COPIES_REMOVED, copyIds)
                            .withExtension(INSTRUCTION_ID, instruction.id());
                }
                outcome = last.get();
                refusal = e;
            }
        }
        removeCopies(provider.name(), sid, mid, copies, copyIds, requestedAt, outcome, refusal, instruction, null);

        String receiptId = UUID.randomUUID().toString();
        ErasureReceipt payload = new ErasureReceipt(receiptId, instruction.id(), provider.name(), sid, mid,
                instruction.requestedBy(), requestedAt, now(), outcome.result(), outcome.status(), copies, List.of());
        ReceiptSigner.Signed signed;
        try {
            signed = signer.sign(json.writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new IllegalStateException("A receipt could not be written as JSON", e);
        }
        StoredReceipt stored = new StoredReceipt(payload, signed.jws().orElse(null), signed.unsigned().orElse(null),
                List.copyOf(copyIds), refusal == null ? null : refusal.type().name(),
                refusal == null ? null : refusal.getMessage());
        try {
            receipts.keep(stored, clock.instant());
        } catch (IdvException e) {
            keepPending(provider.name(), sid, instruction, requestedAt, outcome, refusal, copies, copyIds);
            throw e.withExtension(INSTRUCTION_ID, instruction.id());
        }
        if (mid == null && !ErasureReceipt.REFUSED.equals(outcome.result())) {
            // Gone (or never to be erased by its provider): retention has nothing more to do with it.
            registry.deleted(provider.name(), sid, receiptId);
        }
        LOG.infof("Erasure receipt %s: %s of %s session %s%s by instruction of %s, provider %s, %d copies removed",
                receiptId, mid == null ? "delete-session" : "delete-media", provider.name(), sid,
                mid == null ? "" : " media " + mid, Instruction.RETENTION.equals(instruction.requestedBy())
                        ? "retention" : "the caller", outcome.result(), copies.size());
        if (refusal != null) {
            throw withReceipt(refusal, stored);
        }
        return report(stored);
    }

    /** The answer an instruction already carried out gave, again. */
    private DeletionReport replay(StoredReceipt stored, String mediaId) {
        if (!Objects.equals(stored.payload().mediaId(), mediaId)) {
            throw new IdvException(ProblemType.INVALID_REQUEST, "This Idempotency-Key was given to another delete of"
                    + " this session; an instruction id names one delete");
        }
        if (stored.problem() != null) {
            throw withReceipt(new IdvException(ProblemType.valueOf(stored.problem()), stored.detail()), stored);
        }
        return report(stored);
    }

    private static DeletionReport report(StoredReceipt stored) {
        ErasureReceipt payload = stored.payload();
        return new DeletionReport(payload.provider(), payload.sessionId(), payload.mediaId(),
                payload.providerStatus() == null ? 0 : payload.providerStatus(), stored.stagedCopiesRemoved(),
                payload.instructionId(), payload.receiptId(), stored.receipt(), stored.unsigned());
    }

    private static IdvException withReceipt(IdvException problem, StoredReceipt stored) {
        problem.withExtension(DeletionReport.STAGED_COPIES_REMOVED, stored.stagedCopiesRemoved())
                .withExtension(INSTRUCTION_ID, stored.payload().instructionId())
                .withExtension(RECEIPT_ID, stored.payload().receiptId());
        if (stored.receipt() != null) {
            problem.withExtension(RECEIPT, stored.receipt());
        }
        return problem;
    }

    /**
     * Removes the copies (of the session, or of the media and the session's export), adding them to what is removed;
     * a removal that fails keeps what was done for the retry and is rethrown, with {@code alsoFailed} when the
     * provider had failed first (its problem is the one the caller gets).
     */
    private void removeCopies(String provider, String sid, String mid, List<RemovedCopy> copies, List<String> ids,
            String requestedAt, Outcome outcome, IdvException refusal, Instruction instruction,
            IdvException alsoFailed) {
        List<RemovedCopy> removed;
        try {
            removed = mid == null ? purge.session(provider, sid) : purge.media(new StagedKey(provider, sid, mid));
        } catch (IdvException e) {
            keepPending(provider, sid, instruction, requestedAt, outcome, refusal, copies, ids);
            IdvException problem = alsoFailed != null ? alsoFailed : e;
            throw problem.withExtension(INSTRUCTION_ID, instruction.id());
        }
        copies.addAll(removed);
        for (String id : CopyPurge.mediaIds(removed)) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
    }

    private void keepPending(String provider, String sid, Instruction instruction, String requestedAt,
            Outcome outcome, IdvException refusal, List<RemovedCopy> copies, List<String> ids) {
        try {
            receipts.pending(provider, sid, instruction.id(), new PendingErasure(requestedAt,
                    outcome == null ? null : outcome.result(), outcome == null ? null : outcome.status(),
                    List.copyOf(copies), List.copyOf(ids), refusal == null ? null : refusal.type().name(),
                    refusal == null ? null : refusal.getMessage()));
        } catch (IdvException e) {
            // The caller's problem is the delete's own; its retry asks the provider again.
            LOG.warnf("What an unfinished delete of %s session %s did could not be kept: %s", provider, sid,
                    e.getMessage());
        }
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** The provider's answer to a delete, as a receipt records it. */
    record Outcome(String result, Integer status) {

        /** The final answer a provider's problem is, or empty for a passing one (retry it). */
        static Optional<Outcome> last(IdvException e) {
            OptionalInt status = e.providerStatus();
            Integer code = status.isPresent() ? status.getAsInt() : null;
            return switch (e.type()) {
                case NOT_FOUND -> Optional.of(new Outcome(ErasureReceipt.ALREADY_ABSENT, code));
                case NOT_SUPPORTED_BY_PROVIDER -> Optional.of(new Outcome(ErasureReceipt.NOT_SUPPORTED, code));
                case CONFLICT -> Optional.of(new Outcome(ErasureReceipt.REFUSED, code));
                case PROVIDER_ERROR -> code != null && code >= 400 && code < 500 && code != 408
                        ? Optional.of(new Outcome(ErasureReceipt.REFUSED, code)) : Optional.empty();
                default -> Optional.empty();
            };
        }
    }
}
