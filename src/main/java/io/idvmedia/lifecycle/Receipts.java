package io.idvmedia.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.StoreErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Erasure receipts in the store, one per instruction: {@code receipts/{provider}/{sessionId}/{instruction}.json}
 * (the instruction id's SHA-256, so that any id a caller sends makes a safe name), written once and never removed
 * nor replaced (under S3 Object Lock retention where the bucket has it). A delete that did not finish keeps what it
 * had done under {@code erasures/...} until its retry writes the receipt.
 */
@ApplicationScoped
public class Receipts {

    private static final int MAX_PER_SESSION = 1000;

    private final MediaStores stores;
    private final ReceiptsConfig config;
    private final ObjectMapper json;

    @Inject
    public Receipts(MediaStores stores, ReceiptsConfig config, ObjectMapper json) {
        this.stores = stores;
        this.config = config;
        this.json = json;
    }

    /** The receipt of an instruction, if its delete was done. */
    Optional<StoredReceipt> find(String provider, String sessionId, String instructionId) {
        return read(name("receipts", provider, sessionId, instructionId), StoredReceipt.class,
                "The erasure receipts could not be read");
    }

    /** What an unfinished delete of this instruction had done, if anything. */
    Optional<PendingErasure> pending(String provider, String sessionId, String instructionId) {
        return read(name("erasures", provider, sessionId, instructionId), PendingErasure.class,
                "The state of an unfinished delete could not be read");
    }

    /** Keeps what an unfinished delete has done, for its retry. */
    void pending(String provider, String sessionId, String instructionId, PendingErasure pending) {
        try {
            stores.store().writeRecord(name("erasures", provider, sessionId, instructionId),
                    json.writeValueAsBytes(pending));
        } catch (IOException | RuntimeException e) {
            throw StoreErrors.problem("What the delete did could not be recorded; retry it with the same"
                    + " Idempotency-Key", e);
        }
    }

    /** Keeps a receipt for good. */
    void keep(StoredReceipt receipt, Instant now) {
        ErasureReceipt payload = receipt.payload();
        Optional<Instant> retainUntil = config.lockRetention().map(now::plus);
        try {
            stores.store().writeRetainedRecord(name("receipts", payload.provider(), payload.sessionId(),
                    payload.instructionId()), json.writeValueAsBytes(receipt), retainUntil, config.lockMode());
        } catch (IOException | RuntimeException e) {
            throw StoreErrors.problem("The delete was done but its receipt could not be kept; retry it with the same"
                    + " Idempotency-Key", e);
        }
    }

    /** A session's receipts, oldest first. */
    List<StoredReceipt> list(String provider, String sessionId) {
        List<String> names;
        try {
            names = stores.store().listRecords("receipts/" + provider + "/" + sessionId + "/", Optional.empty(),
                    MAX_PER_SESSION);
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The erasure receipts could not be listed", e);
        }
        List<StoredReceipt> receipts = new ArrayList<>();
        for (String name : names) {
            read(name, StoredReceipt.class, "The erasure receipts could not be read").ifPresent(receipts::add);
        }
        receipts.sort(Comparator.comparing((StoredReceipt r) -> r.payload().completedAt())
                .thenComparing(r -> r.payload().receiptId()));
        return receipts;
    }

    private <T> Optional<T> read(String name, Class<T> type, String failure) {
        Optional<byte[]> bytes;
        try {
            bytes = stores.store().readRecord(name);
        } catch (RuntimeException e) {
            throw StoreErrors.problem(failure, e);
        }
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(bytes.get(), type));
        } catch (IOException e) {
            throw new IdvException(ProblemType.INTERNAL, failure + ": a record is unreadable", e);
        }
    }

    static String name(String kind, String provider, String sessionId, String instructionId) {
        return kind + "/" + provider + "/" + sessionId + "/" + digest(instructionId) + ".json";
    }

    private static String digest(String instructionId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(instructionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
