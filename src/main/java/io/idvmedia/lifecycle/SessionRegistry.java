package io.idvmedia.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.StoreErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The sessions the service has seen, in the store (no database): a record per session
 * ({@code sessions/{provider}/{sessionId}.json}) and, once it is complete, an entry in its provider's completion index
 * ({@code completed/{provider}/{completedAt in epoch ms, 13 digits}-{sessionId}}), which lists oldest first, so that a
 * purge run reads only the entries that are due. Registering never fails what the service was doing: a session that
 * could not be registered is logged, and registered when it is seen again.
 */
@ApplicationScoped
public class SessionRegistry {

    static final String INDEX = "completed/";
    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);
    private static final int MILLIS_DIGITS = 13;

    private final MediaStores stores;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public SessionRegistry(MediaStores stores, ObjectMapper json) {
        this(stores, json, Clock.systemUTC());
    }

    SessionRegistry(MediaStores stores, ObjectMapper json, Clock clock) {
        this.stores = stores;
        this.json = json;
        this.clock = clock;
    }

    /** Records that a session was seen, and whether it is complete (from a webhook or a summary). */
    public void seen(String provider, String sessionId, boolean completed) {
        try {
            Optional<SessionRecord> known = find(provider, sessionId);
            if (known.isPresent() && (known.get().completedAt() != null || !completed
                    || SessionRecord.DELETED.equals(known.get().state()))) {
                return;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String firstSeen = known.map(SessionRecord::firstSeen).orElse(now.toString());
            if (completed) {
                // The index entry first: a record that says complete always has its entry.
                stores.store().writeRecord(entry(provider, now, sessionId), sessionId.getBytes(StandardCharsets.UTF_8));
            }
            write(new SessionRecord(provider, sessionId, firstSeen, completed ? now.toString() : null,
                    completed ? SessionRecord.COMPLETED : SessionRecord.SEEN, null));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Session %s of %s could not be registered (retention will not see it until it is seen again):"
                    + " %s", sessionId, provider, StoreErrors.describe(e));
        }
    }

    /** Records that a session was deleted, with the receipt that says so. */
    void deleted(String provider, String sessionId, String receiptId) {
        try {
            Optional<SessionRecord> known = find(provider, sessionId);
            String now = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
            write(new SessionRecord(provider, sessionId, known.map(SessionRecord::firstSeen).orElse(now),
                    known.map(SessionRecord::completedAt).orElse(null), SessionRecord.DELETED, receiptId));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The deletion of session %s of %s could not be registered (its receipt %s is kept): %s",
                    sessionId, provider, receiptId, StoreErrors.describe(e));
        }
    }

    /** The record of a session, if it was seen. */
    public Optional<SessionRecord> find(String provider, String sessionId) throws IOException {
        Optional<byte[]> bytes = stores.store().readRecord(name(provider, sessionId));
        return bytes.isEmpty() ? Optional.empty() : Optional.of(json.readValue(bytes.get(), SessionRecord.class));
    }

    /**
     * The next entries of a provider's completion index, oldest first, completed before {@code before}, after the
     * entry {@code after} when it is given.
     */
    List<Completed> completedBefore(String provider, Instant before, Optional<String> after, int max) {
        List<Completed> due = new ArrayList<>();
        for (String entry : stores.store().listRecords(INDEX + provider + "/", after, max)) {
            Optional<Completed> completed = Completed.parse(provider, entry);
            if (completed.isEmpty()) {
                continue;
            }
            if (!completed.get().at().isBefore(before)) {
                break;
            }
            due.add(completed.get());
        }
        return due;
    }

    /** Removes a completion index entry (its session is deleted, or was never there). */
    void forget(Completed entry) {
        stores.store().deleteRecord(entry.entry());
    }

    private void write(SessionRecord record) throws IOException {
        stores.store().writeRecord(name(record.provider(), record.sessionId()), json.writeValueAsBytes(record));
    }

    static String name(String provider, String sessionId) {
        return "sessions/" + provider + "/" + sessionId + ".json";
    }

    static String entry(String provider, Instant completedAt, String sessionId) {
        String millis = Long.toString(completedAt.toEpochMilli());
        return INDEX + provider + "/" + "0".repeat(Math.max(0, MILLIS_DIGITS - millis.length())) + millis + "-"
                + sessionId;
    }

    /** An entry of the completion index. */
    record Completed(String entry, String provider, String sessionId, Instant at) {

        static Optional<Completed> parse(String provider, String entry) {
            String name = entry.substring(entry.lastIndexOf('/') + 1);
            int dash = name.indexOf('-');
            if (dash != MILLIS_DIGITS) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Completed(entry, provider, name.substring(dash + 1),
                        Instant.ofEpochMilli(Long.parseLong(name.substring(0, dash)))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
