package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.staging.JobQueue;
import io.idvmedia.staging.JobsConfig;
import io.idvmedia.staging.StageSessionOperation;
import io.idvmedia.staging.StagingJob;
import io.idvmedia.staging.StagingReport;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * stage-session on Lambda: consumes the staging queue (an SQS event, answered with the messages to retry as
 * {@code batchItemFailures}) or runs one job invoked directly ({@code {"provider", "sessionId"}}, answered with its
 * report). A job stops before the function's timeout and queues what it had no time for as a new message; a message
 * whose job failed in a way that may pass is retried by SQS, and after its last receive goes to the dead-letter
 * queue. A job that cannot succeed (an unknown session, a malformed message) is logged and consumed.
 */
@Named(StageSessionHandler.NAME)
public class StageSessionHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "stage-session";
    private static final Logger LOG = Logger.getLogger(StageSessionHandler.class);
    /** Kept free before the function's timeout, for the answer and a staging that ends late. */
    private static final Duration MARGIN = Duration.ofSeconds(30);
    /** A grant subject as a job may name it (the export's manifest says whom it was made for). */
    private static final Pattern SUBJECT = Pattern.compile("[\\x20-\\x7e]{1,256}");

    private final LambdaAdapter adapter;
    private final StageSessionOperation operation;
    private final JobQueue queue;
    private final JobsConfig config;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public StageSessionHandler(LambdaAdapter adapter, StageSessionOperation operation, JobQueue queue,
            JobsConfig config, ObjectMapper json) {
        this.adapter = adapter;
        this.operation = operation;
        this.queue = queue;
        this.config = config;
        this.json = json;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return adapter.handleDirect(NAME, event, context, input -> {
            Instant deadline = deadline(context);
            JsonNode records = input.path("Records");
            if (records.isArray()) {
                return batch(records, deadline);
            }
            StagingReport report = runJob(job(input), deadline);
            return report;
        });
    }

    private Map<String, Object> batch(JsonNode records, Instant deadline) {
        List<Map<String, String>> failures = new ArrayList<>();
        for (JsonNode record : records) {
            String messageId = record.path("messageId").asText("");
            try {
                StagingJob job = job(json.readTree(record.path("body").asText("")));
                StagingReport report = runJob(job, deadline);
                if (report.retryable()) {
                    failures.add(Map.of("itemIdentifier", messageId));
                }
            } catch (JsonProcessingException | InvalidRequestException e) {
                LOG.warnf("Staging message %s is not a staging job; dropped", messageId);
            } catch (IdvException e) {
                if (e.type().status() >= 500 || e.type().status() == 429) {
                    failures.add(Map.of("itemIdentifier", messageId));
                } else {
                    LOG.warnf("Staging message %s cannot succeed (%s); consumed", messageId, e.getMessage());
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("batchItemFailures", failures);
        return answer;
    }

    /** Runs the job; what it had no time for goes back to the queue as a new job. */
    private StagingReport runJob(StagingJob job, Instant deadline) {
        StagingReport report = operation.run(job, deadline);
        if (!report.pending().isEmpty()) {
            queue.submit(job.continued());
        }
        return report;
    }

    private StagingJob job(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("provider").isTextual()
                || !node.path("sessionId").isTextual()) {
            throw new InvalidRequestException("A staging job is {\"provider\", \"sessionId\"} with an optional"
                    + " \"mediaId\"; the event must be one, or an SQS event of them");
        }
        JsonNode media = node.get("mediaId");
        String kind = node.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals(StagingJob.PURGE) && !kind.equals(StagingJob.EXPORT)) {
            throw new InvalidRequestException("A job's kind is \"purge\" or \"export\", or absent to stage media");
        }
        String requestedBy = node.path("requestedBy").asText("");
        return new StagingJob(node.get("provider").asText(), node.get("sessionId").asText(),
                media == null || media.isNull() ? null : media.asText(),
                node.path("reason").asText("direct").matches("[a-z:_-]{1,60}") ? node.path("reason").asText()
                        : "direct", kind.isEmpty() ? null : kind,
                node.path("archive").asBoolean(false) ? Boolean.TRUE : null,
                SUBJECT.matcher(requestedBy).matches() ? requestedBy : null);
    }

    private Instant deadline(Context context) {
        Instant now = clock.instant();
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return now.plus(config.timeBudget());
        }
        Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(MARGIN);
        return now.plus(left.isNegative() ? Duration.ZERO : left);
    }
}
