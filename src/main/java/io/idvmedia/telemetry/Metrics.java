package io.idvmedia.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The functions' operational metrics, each measured once and kept two ways: in the Micrometer registry (the
 * server's {@code /q/metrics}, Prometheus format), and on Lambda as CloudWatch embedded-metric-format lines on the
 * {@value #CATEGORY} log category (bare JSON, which CloudWatch Logs turns into metrics). No tag or dimension holds an
 * id, a subject or anything a caller sent: operations, providers served here, status classes, outcomes.
 */
@ApplicationScoped
public class Metrics {

    public static final String CATEGORY = "io.idvmedia.metrics";
    private static final Logger EMF = Logger.getLogger(CATEGORY);
    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final ObjectMapper json;
    private final boolean emf;
    private final String namespace;
    private final Clock clock;

    @Inject
    public Metrics(MeterRegistry registry, ObjectMapper json, MetricsConfig config) {
        this(registry, json, config.emf().orElse(System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null),
                config.namespace(), Clock.systemUTC());
    }

    Metrics(MeterRegistry registry, ObjectMapper json, boolean emf, String namespace, Clock clock) {
        this.registry = registry;
        this.json = json;
        this.emf = emf;
        this.namespace = namespace;
        this.clock = clock;
    }

    /** A request of an operation has ended with this status, having delivered this many body bytes. */
    public void request(String operation, String provider, int status, long bytes) {
        String statusClass = (status / 100) + "xx";
        String p = provider == null ? NONE : provider;
        Counter.builder("idv.requests").description("Requests by operation, provider and status class")
                .tags("operation", operation, "provider", p, "status_class", statusClass).register(registry)
                .increment();
        Counter.builder("idv.bytes.delivered").description("Body bytes delivered to callers").baseUnit("bytes")
                .tags("operation", operation, "provider", p).register(registry).increment(Math.max(0, bytes));
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
        Timer.builder("idv.provider.latency").description("Time to a provider's answer, retries included")
                .tags("provider", provider, "outcome", outcome).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (error) {
            Counter.builder("idv.provider.errors").description("Provider calls that failed")
                    .tags("provider", provider).register(registry).increment();
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
        Counter.builder("idv.grant.denials").description("Requests refused by the access gate")
                .tags("operation", operation, "check", check == null ? NONE : check).register(registry).increment();
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
        Counter.builder("idv.staging.jobs").description("Staging jobs by outcome").tags("outcome", outcome)
                .register(registry).increment();
        if (nanos > 0) {
            Timer.builder("idv.staging.job.duration").description("How long a staging job ran")
                    .tags("outcome", outcome).register(registry).record(nanos, TimeUnit.NANOSECONDS);
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
