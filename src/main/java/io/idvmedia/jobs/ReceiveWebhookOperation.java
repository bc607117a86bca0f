package io.idvmedia.jobs;

import io.idvmedia.access.Access;
import io.idvmedia.access.AccessRequest;
import io.idvmedia.access.AuditEntry;
import io.idvmedia.access.AuditLog;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.provider.WebhookEvent;
import io.idvmedia.provider.WebhookReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * receive-webhook: a provider says a session changed. Not behind grants: the provider's own authentication is
 * checked first (in its {@link WebhookReceiver}), then a completion enqueues a staging job, durably, before the
 * webhook is acknowledged. Every acceptance and refusal is audited, without anything from the body but the session
 * id.
 */
@ApplicationScoped
public class ReceiveWebhookOperation {

    /** The largest webhook body read; providers send a few KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final ProviderRegistry providers;
    private final JobQueue queue;
    private final AuditLog audit;

    @Inject
    public ReceiveWebhookOperation(ProviderRegistry providers, JobQueue queue, AuditLog audit) {
        this.providers = providers;
        this.queue = queue;
        this.audit = audit;
    }

    public WebhookAck receive(WebhookRequest request) {
        boolean known = providers.knows(request.provider());
        String sessionId = null;
        try {
            if (request.body().length > MAX_BODY_BYTES) {
                throw new IdvException(ProblemType.PAYLOAD_TOO_LARGE, "A webhook body may have at most "
                        + MAX_BODY_BYTES + " bytes; nothing was done");
            }
            WebhookReceiver receiver = providers.webhooks(request.provider());
            WebhookEvent event = receiver.receive(request.headers(), request.body());
            sessionId = event.sessionId();
            WebhookAck ack;
            if (event.completed()) {
                queue.submit(new StagingJob(receiver.provider(), sessionId, null, "webhook:" + event.event()));
                ack = WebhookAck.queued();
            } else {
                ack = WebhookAck.acknowledged();
            }
            audit.write(AuditEntry.allowed(request.requestId(), access(request, sessionId), Access.webhook(), known),
                    200, 0, false);
            return ack;
        } catch (IdvException e) {
            audit.write(AuditEntry.denied(request.requestId(), access(request, sessionId), e, known),
                    e.type().status(), 0, false);
            throw e;
        }
    }

    private static AccessRequest access(WebhookRequest request, String sessionId) {
        return new AccessRequest(request.channel(), OperationName.RECEIVE_WEBHOOK, request.provider(), sessionId,
                null, Optional.empty(), request.callerAddress());
    }
}
