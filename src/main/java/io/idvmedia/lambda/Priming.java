package io.idvmedia.lambda;

import io.idvmedia.access.GrantVerifier;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

/**
 * Before Lambda snapshots a SnapStart function, runs once through what every invocation needs: grant verification
 * (jose4j and the configured signature provider on a fixed ES256 vector), reading an API Gateway event and writing
 * answers and problems
 * (Jackson), and each provider's own ({@link IdvProvider#prime}: its signature algorithms). It fetches no secret
 * and calls no provider, and keeps nothing it made: every instance restored from the snapshot then shares only code
 * that is warm, never a secret, a random value or a timestamp.
 */
@ApplicationScoped
public class Priming implements Resource {

    private static final Logger LOG = Logger.getLogger(Priming.class);

    private final LambdaAdapter adapter;
    private final GrantVerifier grants;
    private final ProviderRegistry providers;

    @Inject
    public Priming(LambdaAdapter adapter, GrantVerifier grants, ProviderRegistry providers) {
        this.adapter = adapter;
        this.grants = grants;
        this.providers = providers;
    }

    /** The runtime keeps resources weakly; this bean keeps itself alive. */
    void register(@Observes StartupEvent started) {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        boolean primed = prime();
        LOG.infof("Primed for the snapshot in %d ms%s", (System.nanoTime() - started) / 1_000_000,
                primed ? "" : " (a step failed; the first invocation warms it instead)");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing was kept before the snapshot that a restored instance would need to renew.
    }

    /** @return whether every step ran as expected */
    boolean prime() {
        boolean verified = grants.prime();
        boolean answers = adapter.prime() == 401;
        boolean primed = true;
        for (IdvProvider provider : providers.all()) {
            primed &= provider.prime();
        }
        return verified && answers && primed;
    }
}
