package io.idvmedia.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.telemetry.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes the audit trail: one JSON object per protected request, on its own logger category
 * ({@code io.idvmedia.audit}, printed as bare JSON so that CloudWatch Logs Insights reads its fields). It holds
 * pseudonymous ids, the grant's subject and {@code jti}, the caller's address and what happened; never a token, a
 * name or anything from a document.
 */
@ApplicationScoped
public class AuditLog {

    public static final String CATEGORY = "io.idvmedia.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final ObjectMapper json;
    private final Metrics metrics;
    private final Clock clock;

    @Inject
    public AuditLog(ObjectMapper json, Metrics metrics) {
        this(json, metrics, Clock.systemUTC());
    }

    AuditLog(ObjectMapper json, Metrics metrics, Clock clock) {
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Writes the line for a request that has ended with this status, having sent this many body bytes. */
    public void write(AuditEntry entry, int status, long bytesSent, boolean aborted) {
        write(entry, status, bytesSent, aborted, null);
    }

    /**
     * As {@link #write(AuditEntry, int, long, boolean)}, with what the operation itself put on the record: the media
     * ids an export holds ({@code mediaIds}), a hold's reason and reference ({@code holdReason},
     * {@code holdReference}); none when empty or null.
     */
    public void write(AuditEntry entry, int status, long bytesSent, boolean aborted, Map<String, Object> details) {
        write(entry, status, bytesSent, entry.isDenied() ? AuditEntry.Outcome.DENIED
                : aborted ? AuditEntry.Outcome.ABORTED : AuditEntry.Outcome.COMPLETED, details);
    }

    /** Writes the line for a webhook accepted before: acknowledged again, nothing done again. */
    public void writeDuplicate(AuditEntry entry, int status) {
        write(entry, status, 0, AuditEntry.Outcome.DUPLICATE, null);
    }

    /**
     * Writes the line for a grant issue-grant minted: for whom, which provider, sessions and operations, for how
     * long, and its {@code jti}; never the token.
     */
    public void writeMinted(Grant grant) {
        ObjectNode line = json.createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("audit", "idv-media");
        line.put("operation", "issue-grant");
        line.put("provider", grant.provider());
        grant.sessions().stream().sorted().forEach(line.putArray("sessionIds")::add);
        grant.operations().stream().map(OperationName::id).sorted().forEach(line.putArray("operations")::add);
        line.put("subject", grant.subject());
        line.put("jti", grant.jti().orElse(null));
        line.put("lifetimeSeconds", grant.expiresAt().getEpochSecond() - grant.issuedAt().getEpochSecond());
        line.put("outcome", "minted");
        write(line);
    }

    private void write(ObjectNode line) {
        try {
            LOG.info(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write an audit line", e);
        }
    }

    private void write(AuditEntry entry, int status, long bytesSent, AuditEntry.Outcome outcome,
            Map<String, Object> details) {
        if (outcome == AuditEntry.Outcome.DENIED) {
            metrics.grantDenied(entry.operation().id(), entry.denial());
        }
        ObjectNode line = json.createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("audit", "idv-media");
        line.put("requestId", entry.requestId());
        line.put("channel", entry.channel().id());
        line.put("operation", entry.operation().id());
        line.put("provider", entry.provider());
        line.put("sessionId", entry.sessionId());
        line.put("mediaId", entry.mediaId());
        if (details != null) {
            details.forEach((name, value) -> line.set(name, json.valueToTree(value)));
        }
        line.put("access", entry.access() == null ? null
                : entry.access().basis().name().toLowerCase(Locale.ROOT));
        line.put("subject", entry.access() == null ? null : entry.access().subject().orElse(null));
        line.put("jti", entry.grant().flatMap(Grant::jti).orElse(null));
        line.put("caller", entry.callerAddress());
        line.put("status", status);
        line.put("bytesSent", bytesSent);
        line.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        line.put("check", entry.denial());
        write(line);
    }
}
