package io.idvmedia.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.StoreErrors;
import io.idvmedia.media.StoreLayout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Legal holds, kept as records in the store ({@code holds/{provider}/{sessionId}.json}, apart from the copies, so
 * that nothing which removes copies removes them). A hold stops every delete of its session before the provider is
 * asked; a hold that cannot be read stops it too (nothing fails open).
 */
@ApplicationScoped
public class Holds {

    private static final Logger LOG = Logger.getLogger(Holds.class);

    private final MediaStores stores;
    private final ObjectMapper json;

    @Inject
    public Holds(MediaStores stores, ObjectMapper json) {
        this.stores = stores;
        this.json = json;
    }

    /** The session's hold, if one is in force; ids already checked. */
    public Optional<HoldState> find(String provider, String sessionId) {
        Optional<byte[]> record;
        try {
            record = stores.store().readRecord(name(provider, sessionId));
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The session's legal hold could not be read", e);
        }
        if (record.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(record.get(), HoldState.class)).filter(HoldState::held);
        } catch (IOException e) {
            // Unreadable is not absent: whatever was written there was meant to hold the session.
            throw new IdvException(ProblemType.INTERNAL, "The session's legal hold record is unreadable", e);
        }
    }

    /**
     * Refuses (409 {@code session-held}) a delete of a held session; the detail names the session, never the hold's
     * reason or reference.
     */
    public void requireNotHeld(String provider, String sessionId) {
        if (find(provider, sessionId).isPresent()) {
            throw new IdvException(ProblemType.SESSION_HELD, "Session " + sessionId + " is under a legal hold: nothing"
                    + " of it is deleted until the hold is released (GET .../hold says who placed it, and when)");
        }
    }

    /**
     * Records a hold, then (where the bucket has Object Lock) sets the Object Lock legal hold of the session's archived
     * copies: the record first, so that a copy archived meanwhile finds it and is locked too.
     */
    void write(String provider, String sessionId, HoldState hold) {
        try {
            stores.store().writeRecord(name(provider, sessionId), json.writeValueAsBytes(hold));
        } catch (IOException | RuntimeException e) {
            throw StoreErrors.problem("The legal hold could not be recorded; the session is not held", e);
        }
        try {
            int locked = stores.store().legalHold(provider, sessionId, true);
            if (locked > 0) {
                LOG.infof("Legal hold on %s session %s: %d archived object versions locked", provider, sessionId,
                        locked);
            }
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The legal hold is recorded (no delete will touch the session), but its archived"
                    + " copies could not all be locked against expiry; place it again", e);
        }
    }

    /** Clears the Object Lock legal hold of the session's archived copies, then removes the hold's record. */
    void remove(String provider, String sessionId) {
        try {
            stores.store().legalHold(provider, sessionId, false);
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The archived copies' Object Lock legal holds could not all be cleared; the"
                    + " session is still held, release it again", e);
        }
        try {
            stores.store().deleteRecord(name(provider, sessionId));
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The legal hold could not be released; the session is still held", e);
        }
    }

    static String name(String provider, String sessionId) {
        return StoreLayout.holdRecord(provider, sessionId);
    }
}
