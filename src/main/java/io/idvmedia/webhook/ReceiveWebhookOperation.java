package io.idvmedia.webhook;

import io.idvmedia.access.Access;
import io.idvmedia.access.AccessRequest;
import io.idvmedia.access.AuditEntry;
import io.idvmedia.access.AuditLog;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.Claims;
import io.idvmedia.lifecycle.SessionRegistry;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.StoreErrors;
import io.idvmedia.staging.JobQueue;
import io.idvmedia.staging.StagingJob;
import io.idvmedia.telemetry.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * receive-webhook: a provider says a session changed. Not behind grants: the provider's own authentication is
 * checked first (in its {@link WebhookReceiver}), then a completion enqueues a staging job, durably, before the
 * webhook is acknowledged. A completion whose raw body was already accepted within {@code idv.webhooks.dedupe-window}
 * (a provider's retry or duplicate, a replay) is acknowledged as a duplicate and queues nothing, across instances: the
 * SHA-256 of the body is claimed in the store before the job is queued, and given up again if queueing fails. Every
 * acceptance, duplicate and refusal is audited, without anything from the body but the session id.
 */
@ApplicationScoped
public class ReceiveWebhookOperation {

    /** The largest webhook body read; providers send a few KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(ReceiveWebhookOperation.class);

    private final WebhookReceivers providers;
    private final JobQueue queue;
    private final AuditLog audit;
    private final MediaStores stores;
    private final WebhooksConfig config;
    private final Metrics metrics;
    private final SessionRegistry registry;
    private final Clock clock;

    @Inject
    public ReceiveWebhookOperation(WebhookReceivers providers, JobQueue queue, AuditLog audit, MediaStores stores,
            WebhooksConfig config, Metrics metrics, SessionRegistry registry) {
        this(providers, queue, audit, stores, config, metrics, registry, Clock.systemUTC());
    }

    ReceiveWebhookOperation(WebhookReceivers providers, JobQueue queue, AuditLog audit, MediaStores stores,
            WebhooksConfig config, Metrics metrics, SessionRegistry registry, Clock clock) {
        this.metrics = metrics;
        this.registry = registry;
        this.providers = providers;
        this.queue = queue;
        this.audit = audit;
        this.stores = stores;
        this.config = config;
        this.clock = clock;
    }

    public WebhookAck receive(WebhookRequest request) {
        boolean known = providers.knows(request.provider());
        String sessionId = null;
        try {
            if (request.body().length > MAX_BODY_BYTES) {
                throw new IdvException(ProblemType.PAYLOAD_TOO_LARGE, "A webhook body may have at most "
                        + MAX_BODY_BYTES + " bytes; nothing was done");
            }
            WebhookReceiver receiver = providers.get(request.provider());
            WebhookEvent event = receiver.receive(request.headers(), request.body());
            sessionId = event.sessionId();
            // The session is known from now on; complete, retention counts from now.
            registry.seen(receiver.provider(), sessionId, event.completed());
            WebhookAck ack = event.completed() ? queueOnce(receiver.provider(), event, request.body())
                    : WebhookAck.acknowledged();
            AuditEntry entry = AuditEntry.allowed(request.requestId(), access(request, sessionId), Access.webhook(),
                    known);
            if (ack.isDuplicate()) {
                audit.writeDuplicate(entry, 200);
            } else {
                audit.write(entry, 200, 0, false);
            }
            return ack;
        } catch (IdvException e) {
            audit.write(AuditEntry.denied(request.requestId(), access(request, sessionId), e, known),
                    e.type().status(), 0, false);
            throw e;
        }
    }

    /** Queues the completion's staging job unless the same body was accepted within the window. */
    private WebhookAck queueOnce(String provider, WebhookEvent event, byte[] body) {
        Claims claims = stores.claims();
        String claim = "webhooks/" + provider + "/" + sha256Hex(body);
        boolean first;
        try {
            first = claims.claim(claim, clock.instant(), config.dedupeWindow());
        } catch (RuntimeException e) {
            throw StoreErrors.problem("The webhook could not be checked for a duplicate; nothing was queued, retry"
                    + " shortly", e);
        }
        if (!first) {
            LOG.infof("Webhook for session %s (%s, %s) was accepted before; queued nothing", event.sessionId(),
                    provider, event.event());
            metrics.stagingJob("deduplicated", 0);
            return WebhookAck.alreadyAccepted();
        }
        try {
            queue.submit(StagingJob.completed(provider, event.sessionId(), "webhook:" + event.event()));
        } catch (RuntimeException e) {
            // The provider retries a webhook it got no 2xx for: that retry must not be taken for a duplicate.
            claims.release(claim);
            throw e;
        }
        return WebhookAck.queued();
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static AccessRequest access(WebhookRequest request, String sessionId) {
        return new AccessRequest(request.channel(), OperationName.RECEIVE_WEBHOOK, request.provider(), sessionId,
                null, Optional.empty(), request.callerAddress());
    }
}
