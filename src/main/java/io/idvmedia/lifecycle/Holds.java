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
     * Records a hold, then keeps the session's copies past their lifetimes (tagged so that no expiry rule selects them,
     * and, where the bucket has Object Lock, its archived copies under an Object Lock legal hold): the record first, so
     * that a copy staged meanwhile finds it and is kept too.
     */
    void write(String provider, String sessionId, HoldState hold) {
        try {
            stores.store().writeRecord(name(provider, sessionId), json.writeValueAsBytes(hold));
        } catch (IOException | RuntimeException e) {
            throw StoreErrors.problem("The legal hold could not be recorded; the session is not held", e);
        }
        try {
            int kept = stores.store().holdCopies(provider, sessionId, true);
            if (kept > 0) {
                LOG.infof("Legal hold on %s session %s: %d stored objects kept past their expiry", provider, sessionId,
                        kept);
            }
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The legal hold is recorded (no delete will touch the session), but its copies"
                    + " could not all be kept from expiry; place it again", e);
        }
    }

    /** Gives the session's copies back to their expiry rules, then removes the hold's record. */
    void remove(String provider, String sessionId) {
        try {
            stores.store().holdCopies(provider, sessionId, false);
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The session's copies could not all be given back to their expiry; the session"
                    + " is still held, release it again", e);
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
