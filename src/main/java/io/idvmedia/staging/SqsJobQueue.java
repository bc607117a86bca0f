package io.idvmedia.staging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.aws.JsonProtocol;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/** Jobs sent to an SQS queue, which the stage-session function consumes. */
final class SqsJobQueue implements JobQueue {

    private static final Logger LOG = Logger.getLogger(SqsJobQueue.class);

    private final Supplier<SqsSender> sqs;
    private final String queueUrl;
    private final ObjectMapper json;

    SqsJobQueue(Supplier<SqsSender> sqs, String queueUrl, ObjectMapper json) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.json = json;
    }

    @Override
    public void submit(StagingJob job) {
        String body;
        try {
            body = json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A staging job could not be written", e);
        }
        try {
            String id = sqs.get().send(queueUrl, body);
            LOG.infof("Staging job queued: provider=%s sessionId=%s reason=%s messageId=%s", job.provider(),
                    job.sessionId(), job.reason(), id);
        } catch (JsonProtocol.CallFailure | SdkException e) {
            LOG.warnf("The job queue refused a staging job (%s)", e.getClass().getSimpleName());
            throw new IdvException(ProblemType.QUEUE_UNAVAILABLE, "The staging job could not be queued; retry shortly",
                    e);
        }
    }

    @Override
    public boolean durable() {
        return true;
    }
}
