package io.idvmedia.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.access.GrantVerifier;
import io.idvmedia.lifecycle.ReceiptPriming;
import io.idvmedia.media.MediaStores;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.secrets.SecretChecks;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

/**
 * Runs once through what every invocation needs: grant verification (jose4j and the configured signature provider on
 * a fixed ES256 vector), reading an API Gateway event and writing answers and problems (Jackson), each provider's
 * own ({@link IdvProvider#prime}: its signature algorithms, its key format), and where the store is S3, its client's
 * calls, answered without reaching S3 ({@link MediaStores#prime}), and where the function writes erasure receipts, the
 * records a deletion writes, made up ({@link ReceiptPriming}). It fetches no secret, calls no provider and reaches
 * no store, and keeps nothing it made: every instance restored from a snapshot then shares only code that is warm,
 * never a secret, a random value or a timestamp.
 *
 * <p>Before Lambda snapshots a SnapStart function, all of it runs in the snapshot's init, after every class of the
 * application has been loaded and initialized ({@link ClassPreload}). In any other init on Lambda (unless
 * {@code idv.lambda.warm-up=false}) what the function's first event needs of it (grant verification where the
 * function checks grants, its providers' own, the records of a deletion where it writes receipts) runs on a thread of
 * its own from the first moment of start-up, while the start reads its configuration and its secrets (round trips to
 * Secrets Manager): what the first event would have loaded and run interpreted is then loaded beside them, on another
 * core or while they wait. The start waits for it at its end ({@link #awaitWarmUp}), so that the first event never
 * runs beside it (the two would share the cores and the class loading locks) and the beans made at start are the same
 * in every start.
 */
@ApplicationScoped
public class Priming implements Resource {

    private static final Logger LOG = Logger.getLogger(Priming.class);
    /** Functions whose events are not API Gateway's and carry no grant: only their providers are warmed. */
    private static final Set<String> WITHOUT_GRANTS = Set.of(StageSessionHandler.NAME, PurgeExpiredHandler.NAME);
    /** Functions that write erasure receipts: the records a deletion writes are warmed too. */
    private static final Set<String> WRITING_RECEIPTS = Set.of(DeleteSessionHandler.NAME, DeleteMediaHandler.NAME,
            PurgeExpiredHandler.NAME);
    /** The longest the end of start-up waits for the warm-up: past it, the first event warms what is left. */
    private static final long WARM_UP_WAIT_MILLIS = 5_000;
    private static volatile Thread warmUp;

    private final LambdaAdapter adapter;
    private final GrantVerifier grants;
    private final ProviderRegistry providers;
    private final MediaStores stores;
    private final SecretChecks secrets;
    private final LambdaConfig config;
    private final ObjectMapper json;
    private final Optional<String> handler;

    @Inject
    public Priming(LambdaAdapter adapter, GrantVerifier grants, ProviderRegistry providers, MediaStores stores,
            SecretChecks secrets, LambdaConfig config, ObjectMapper json,
            @ConfigProperty(name = "quarkus.lambda.handler") Optional<String> handler) {
        this.adapter = adapter;
        this.grants = grants;
        this.providers = providers;
        this.stores = stores;
        this.secrets = secrets;
        this.config = config;
        this.json = json;
        this.handler = handler;
    }

    /**
     * The runtime keeps resources weakly; this bean keeps itself alive. Observed before every other start-up observer,
     * so that the warm-up, where it runs, starts first.
     */
    void register(@Observes @Priority(0) StartupEvent started) {
        Core.getGlobalContext().register(this);
        if (config.warmUp() && warmsUpAtStart(System.getenv("AWS_LAMBDA_FUNCTION_NAME"),
                System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            boolean checksGrants = !WITHOUT_GRANTS.contains(handler.orElse(""));
            Thread thread = new Thread(() -> warmUp(checksGrants), "idv-warm-up");
            thread.setDaemon(true);
            warmUp = thread;
            thread.start();
        }
    }

    /** On Lambda, but not while it initializes a function for a SnapStart snapshot (primed before the snapshot). */
    static boolean warmsUpAtStart(String functionName, String initializationType) {
        return functionName != null && !functionName.isBlank() && !SecretChecks.snapshotting(initializationType);
    }

    private void warmUp(boolean checksGrants) {
        long started = System.nanoTime();
        boolean primed;
        try {
            boolean verified = !checksGrants || grants.prime();
            primed = primeProviders() && primeReceipts() && verified;
        } catch (RuntimeException e) {
            primed = false;
        }
        LOG.infof("Warmed up beside the start in %d ms%s", (System.nanoTime() - started) / 1_000_000,
                primed ? "" : " (a step failed; the first invocation warms it instead)");
    }

    /** Called at the end of start-up: waits (a bounded time) for a warm-up still running. */
    static void awaitWarmUp() {
        Thread thread = warmUp;
        if (thread == null) {
            return;
        }
        try {
            thread.join(WARM_UP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        int preloaded = ClassPreload.run(Priming.class.getClassLoader());
        boolean primed = prime();
        LOG.infof("Primed for the snapshot in %d ms, %d application classes preloaded%s",
                (System.nanoTime() - started) / 1_000_000, preloaded,
                primed ? "" : " (a step failed; the first invocation warms it instead)");
    }

    /**
     * Nothing was kept before the snapshot that a restored instance would need to renew; the secrets, which the
     * snapshot does not hold, start being read at once, beside the first event.
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        secrets.readAheadAfterRestore();
    }

    /** @return whether every step ran as expected */
    boolean prime() {
        boolean verified = grants.prime();
        boolean answers = adapter.prime() == 401;
        boolean store = stores.prime();
        return primeProviders() && primeReceipts() && verified && answers && store;
    }

    /** Where the function writes erasure receipts, the records a deletion writes ({@link ReceiptPriming}). */
    private boolean primeReceipts() {
        return !WRITING_RECEIPTS.contains(handler.orElse("")) || ReceiptPriming.run(json);
    }

    private boolean primeProviders() {
        boolean primed = true;
        for (IdvProvider provider : providers.all()) {
            primed &= provider.prime();
        }
        return primed;
    }
}
