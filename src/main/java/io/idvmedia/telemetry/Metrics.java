package io.idvmedia.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The functions' operational metrics, each measured once and kept two ways: in a {@link Meters} sink where the
 * application has one (the server's Micrometer registry, {@code /q/metrics} in Prometheus format; a Lambda function
 * has none), and on Lambda as CloudWatch embedded-metric-format lines on the {@value #CATEGORY} log category (bare
 * JSON, which CloudWatch Logs turns into metrics). No tag or dimension holds an id, a subject or anything a caller
 * sent: operations, providers served here, status classes, outcomes.
 */
@ApplicationScoped
public class Metrics {

    public static final String CATEGORY = "io.idvmedia.metrics";
    private static final Logger EMF = Logger.getLogger(CATEGORY);
    private static final String NONE = "none";

    private final Meters meters;
    private final ObjectMapper json;
    private final boolean emf;
    private final String namespace;
    private final Clock clock;

    @Inject
    public Metrics(Instance<Meters> meters, ObjectMapper json, MetricsConfig config) {
        this(meters.isResolvable() ? meters.get() : Meters.NONE, json,
                config.emf().orElse(System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null), config.namespace(),
                Clock.systemUTC());
    }

    Metrics(Meters meters, ObjectMapper json, boolean emf, String namespace, Clock clock) {
        this.meters = meters;
        this.json = json;
        this.emf = emf;
        this.namespace = namespace;
        this.clock = clock;
    }

    /** A request of an operation has ended with this status, having delivered this many body bytes. */
    public void request(String operation, String provider, int status, long bytes) {
        String statusClass = (status / 100) + "xx";
        String p = provider == null ? NONE : provider;
        meters.count("idv.requests", "Requests by operation, provider and status class", null, 1,
                "operation", operation, "provider", p, "status_class", statusClass);
        meters.count("idv.bytes.delivered", "Body bytes delivered to callers", "bytes", Math.max(0, bytes),
                "operation", operation, "provider", p);
        if (emf) {
            ObjectNode line = line(List.of(List.of("Operation"), List.of("Operation", "StatusClass"),
                    List.of("Operation", "Provider", "StatusClass")), Map.of("Requests", "Count",
                    "BytesDelivered", "Bytes"));
            line.put("Operation", operation).put("Provider", p).put("StatusClass", statusClass)
                    .put("Requests", 1).put("BytesDelivered", Math.max(0, bytes));
            write(line);
        }
    }

    /**
     * A call to a provider answered (or failed) after this long; an error is what our callers feel as the provider
     * failing: a 5xx, a 401/403 (our credentials refused), a 429, a timeout or a broken connection.
     */
    public void providerCall(String provider, long nanos, boolean error) {
        String outcome = error ? "error" : "ok";
        meters.time("idv.provider.latency", "Time to a provider's answer, retries included", nanos,
                "provider", provider, "outcome", outcome);
        if (error) {
            meters.count("idv.provider.errors", "Provider calls that failed", null, 1, "provider", provider);
        }
        if (emf) {
            ObjectNode line = line(List.of(List.of(), List.of("Provider")), Map.of("ProviderLatency", "Milliseconds",
                    "ProviderErrors", "Count"));
            line.put("Provider", provider).put("ProviderLatency", nanos / 1_000_000.0).put("ProviderErrors",
                    error ? 1 : 0);
            write(line);
        }
    }

    /** The access gate refused a request of this operation, for this check. */
    public void grantDenied(String operation, String check) {
        meters.count("idv.grant.denials", "Requests refused by the access gate", null, 1,
                "operation", operation, "check", check == null ? NONE : check);
        if (emf) {
            ObjectNode line = line(List.of(List.of("Operation")), Map.of("GrantDenials", "Count"));
            line.put("Operation", operation).put("Check", check).put("GrantDenials", 1);
            write(line);
        }
    }

    /**
     * A staging job ended: {@code staged} (everything it could stage), {@code failed} (some item failed), or
     * {@code deduplicated} (asked for again while queued or done: nothing was queued or run again).
     */
    public void stagingJob(String outcome, long nanos) {
        meters.count("idv.staging.jobs", "Staging jobs by outcome", null, 1, "outcome", outcome);
        if (nanos > 0) {
            meters.time("idv.staging.job.duration", "How long a staging job ran", nanos, "outcome", outcome);
        }
        if (emf) {
            ObjectNode line = line(List.of(List.of("Outcome")), nanos > 0
                    ? Map.of("StagingJobs", "Count", "StagingJobDuration", "Milliseconds")
                    : Map.of("StagingJobs", "Count"));
            line.put("Outcome", outcome).put("StagingJobs", 1);
            if (nanos > 0) {
                line.put("StagingJobDuration", nanos / 1_000_000.0);
            }
            write(line);
        }
    }

    /**
     * A purge run ended: how many due sessions it deleted (in a dry run: found due, and deleted nothing), passed over
     * for a legal hold, and left due for the next run; by provider, and whether it was a dry run.
     */
    public void purgeRun(String provider, boolean dryRun, int deleted, int held, int leftDue) {
        String mode = dryRun ? "dry-run" : "purge";
        meters.count("idv.retention.sessions", "Sessions a purge run handled, by outcome", null, deleted,
                "provider", provider, "mode", mode, "outcome", dryRun ? "due" : "deleted");
        meters.count("idv.retention.sessions", "Sessions a purge run handled, by outcome", null, held,
                "provider", provider, "mode", mode, "outcome", "held");
        meters.count("idv.retention.sessions", "Sessions a purge run handled, by outcome", null, leftDue,
                "provider", provider, "mode", mode, "outcome", "left-due");
        if (emf) {
            ObjectNode line = line(List.of(List.of("Provider", "Mode")), Map.of("PurgedSessions", "Count",
                    "HeldSessions", "Count", "LeftDueSessions", "Count"));
            line.put("Provider", provider).put("Mode", mode).put("PurgedSessions", deleted)
                    .put("HeldSessions", held).put("LeftDueSessions", leftDue);
            write(line);
        }
    }

    /** The envelope of one embedded-metric-format line: its namespace, dimension sets and metric units. */
    private ObjectNode line(List<List<String>> dimensions, Map<String, String> units) {
        ObjectNode line = json.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode sets = directive.putArray("Dimensions");
        for (List<String> set : dimensions) {
            ArrayNode names = sets.addArray();
            set.forEach(names::add);
        }
        ArrayNode metrics = directive.putArray("Metrics");
        units.forEach((name, unit) -> metrics.addObject().put("Name", name).put("Unit", unit));
        return line;
    }

    private void write(ObjectNode line) {
        try {
            EMF.info(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a metrics line", e);
        }
    }
}
