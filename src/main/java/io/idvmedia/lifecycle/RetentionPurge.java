package io.idvmedia.lifecycle;

import io.idvmedia.access.OperationName;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.provider.DeletionScope;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.telemetry.Metrics;
import io.idvmedia.telemetry.OperationContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A purge run: every session completed longer ago than its provider's retention ({@code idv.retention.{provider}})
 * is deleted at the provider and in the store, with a receipt requested by {@code retention}, oldest first, at most
 * {@code idv.retention.max-per-run} of them. A held session is passed over (and stays due); a provider that rate
 * limits (429) ends that provider's part of the run, the session left due for the next one; a dry run lists and
 * deletes nothing. Each session's instruction id is {@code retention:{provider}:{sessionId}}, so that a run which
 * failed midway is finished by the next without a second provider call.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
    private static final int PAGE = 100;

    private final ProviderRegistry providers;
    private final SessionRegistry registry;
    private final Holds holds;
    private final Erasure erasure;
    private final RetentionConfig config;
    private final Metrics metrics;
    private final Clock clock;

    @Inject
    public RetentionPurge(ProviderRegistry providers, SessionRegistry registry, Holds holds, Erasure erasure,
            RetentionConfig config, Metrics metrics) {
        this(providers, registry, holds, erasure, config, metrics, Clock.systemUTC());
    }

    RetentionPurge(ProviderRegistry providers, SessionRegistry registry, Holds holds, Erasure erasure,
            RetentionConfig config, Metrics metrics, Clock clock) {
        this.metrics = metrics;
        this.providers = providers;
        this.registry = registry;
        this.holds = holds;
        this.erasure = erasure;
        this.config = config;
        this.clock = clock;
    }

    /** Each provider's retention, for the providers that have one. */
    public Map<String, Duration> periods() {
        Map<String, Duration> periods = new LinkedHashMap<>();
        for (IdvProvider provider : providers.all()) {
            config.of(provider.name()).ifPresent(period -> {
                if (period.isNegative()) {
                    throw new IdvException(ProblemType.INTERNAL, "idv.retention." + provider.name()
                            + " must not be negative");
                }
                periods.put(provider.name(), period);
            });
        }
        return periods;
    }

    /** Runs one purge with the configured settings; one at a time in this process. */
    public PurgeReport run() {
        return run(periods(), config.dryRun(), config.maxPerRun());
    }

    /** Runs one purge with these retentions and limits. */
    synchronized PurgeReport run(Map<String, Duration> periods, boolean dryRun, int maxPerRun) {
        // Whoever runs it (its schedule here, its Lambda function, a test), a purge run works as purge-expired.
        try (OperationContext.Scope ignored = OperationContext.enter(OperationName.PURGE_EXPIRED.id())) {
            return runIn(periods, dryRun, maxPerRun);
        }
    }

    private PurgeReport runIn(Map<String, Duration> periods, boolean dryRun, int maxPerRun) {
        Instant now = clock.instant();
        Run run = new Run(maxPerRun, dryRun);
        for (Map.Entry<String, Duration> retention : periods.entrySet()) {
            int deleted = run.deleted.size();
            int held = run.held.size();
            int leftDue = run.leftDue.size();
            purge(providers.get(retention.getKey()), now.minus(retention.getValue()), run);
            metrics.purgeRun(retention.getKey(), dryRun, run.deleted.size() - deleted, run.held.size() - held,
                    run.leftDue.size() - leftDue);
        }
        PurgeReport report = new PurgeReport(dryRun, run.deleted, run.held, run.leftDue, run.receipts);
        LOG.infof("Purge run%s: %d sessions %s, %d held, %d left due", dryRun ? " (dry run)" : "",
                run.deleted.size(), dryRun ? "due (nothing deleted)" : "deleted", run.held.size(),
                run.leftDue.size());
        return report;
    }

    private void purge(IdvProvider provider, Instant cutoff, Run run) {
        Optional<String> after = Optional.empty();
        while (true) {
            List<SessionRegistry.Completed> page;
            try {
                page = registry.completedBefore(provider.name(), cutoff, after, PAGE);
            } catch (RuntimeException e) {
                throw new IdvException(ProblemType.STORE_UNAVAILABLE, "The sessions of " + provider.name()
                        + " could not be listed", e);
            }
            if (page.isEmpty()) {
                return;
            }
            for (SessionRegistry.Completed due : page) {
                after = Optional.of(due.entry());
                String id = due.provider() + "/" + due.sessionId();
                if (!provider.sessionIds().matches(due.sessionId())) {
                    registry.forget(due);
                    continue;
                }
                if (gone(due)) {
                    registry.forget(due);
                    continue;
                }
                if (holds.find(provider.name(), due.sessionId()).isPresent()) {
                    run.held.add(id);
                    continue;
                }
                if (run.budget == 0) {
                    run.leftDue.add(id);
                    return;
                }
                run.budget--;
                if (run.dryRun) {
                    LOG.infof("Dry run: would delete %s session %s (completed %s)", provider.name(), due.sessionId(),
                            due.at());
                    run.deleted.add(id);
                    continue;
                }
                if (!delete(provider, due, run)) {
                    return;
                }
            }
        }
    }

    /** Deletes one due session; returns whether the run may go on with this provider. */
    private boolean delete(IdvProvider provider, SessionRegistry.Completed due, Run run) {
        String id = due.provider() + "/" + due.sessionId();
        Instruction instruction = new Instruction("retention:" + provider.name() + ":" + due.sessionId(),
                Instruction.RETENTION);
        try {
            DeletionReport report = erasure.erase(provider.name(), due.sessionId(), null, DeletionScope.SESSION,
                    instruction);
            run.deleted.add(id);
            run.receipts.add(report.receiptId());
        } catch (IdvException e) {
            Object receipt = e.extensions().get(Erasure.RECEIPT_ID);
            if (receipt != null) {
                // A final answer (already absent, not supported, refused): the copies are gone, the receipt says so.
                LOG.warnf("Purge run: %s session %s: the provider answered %s; its copies are removed,"
                        + " receipt %s", provider.name(), due.sessionId(), e.type().title(), receipt);
                run.deleted.add(id);
                run.receipts.add(receipt.toString());
            } else {
                run.leftDue.add(id);
                LOG.warnf("Purge run: %s session %s left due (%s)", provider.name(), due.sessionId(),
                        e.type().title());
                return e.type() != ProblemType.RATE_LIMITED;
            }
        }
        registry.forget(due);
        return true;
    }

    /** Whether the session's record says it is deleted already (by a caller's delete, say). */
    private boolean gone(SessionRegistry.Completed due) {
        try {
            return registry.find(due.provider(), due.sessionId())
                    .filter(r -> SessionRecord.DELETED.equals(r.state())).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private static final class Run {
        private int budget;
        private final boolean dryRun;
        private final List<String> deleted = new ArrayList<>();
        private final List<String> held = new ArrayList<>();
        private final List<String> leftDue = new ArrayList<>();
        private final List<String> receipts = new ArrayList<>();

        Run(int budget, boolean dryRun) {
            this.budget = budget;
            this.dryRun = dryRun;
        }
    }
}
