package io.idvmedia.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.access.Caller;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;

/**
 * hold: places ({@code PUT}), reads ({@code GET}) and releases ({@code DELETE}) a session's legal hold. No provider
 * is asked: a hold is this service's own record, checked by every delete before the provider is.
 */
@ApplicationScoped
public class HoldOperation {

    private final ProviderRegistry providers;
    private final Holds holds;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public HoldOperation(ProviderRegistry providers, Holds holds, ObjectMapper json) {
        this.providers = providers;
        this.holds = holds;
        this.json = json;
    }

    /** The session's hold, or {@code {"held": false}}. */
    public HoldState read(String providerName, String sessionId) {
        IdvProvider provider = providers.get(providerName);
        String sid = provider.sessionIds().require("sessionId", sessionId);
        return holds.find(provider.name(), sid).orElseGet(HoldState::none);
    }

    /**
     * Places a hold (replacing one in force, reason and all), recorded as placed now by the caller.
     *
     * @param audit told the reason and the reference, for the request's audit line
     */
    public HoldState place(String providerName, String sessionId, byte[] body, Caller caller,
            BiConsumer<String, String> audit) {
        IdvProvider provider = providers.get(providerName);
        String sid = provider.sessionIds().require("sessionId", sessionId);
        HoldRequest request = HoldRequest.parse(body, json);
        audit.accept("holdReason", request.reason());
        if (request.reference() != null) {
            audit.accept("holdReference", request.reference());
        }
        HoldState hold = new HoldState(true, request.reason(), request.reference(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(), caller.requester());
        holds.write(provider.name(), sid, hold);
        return hold;
    }

    /** Releases the session's hold, if there is one; answers {@code {"held": false}}. */
    public HoldState release(String providerName, String sessionId) {
        IdvProvider provider = providers.get(providerName);
        String sid = provider.sessionIds().require("sessionId", sessionId);
        holds.remove(provider.name(), sid);
        return HoldState.none();
    }
}
