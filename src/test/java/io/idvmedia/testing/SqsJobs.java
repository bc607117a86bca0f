package io.idvmedia.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mockito.Mockito;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The staging queue (ElasticMQ) as the stage-session function sees it: messages received, and their SQS event. */
public final class SqsJobs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsJobs() {
    }

    /** Receives (and deletes) what the queue holds, waiting up to {@code waitSeconds} for a first message. */
    public static List<Message> receive(SqsClient sqs, String queueUrl, int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)).messages();
        messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages;
    }

    /** Empties the queue. */
    public static void drain(SqsClient sqs, String queueUrl) {
        List<Message> left;
        do {
            left = receive(sqs, queueUrl, 0);
        } while (!left.isEmpty());
    }

    /** A message as the queue would deliver it. */
    public static Message message(String id, String body) {
        return Message.builder().messageId(id).receiptHandle("handle-" + id).body(body).build();
    }

    /** An SQS event as Lambda's event source mapping delivers it. */
    public static ObjectNode event(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            record.putObject("attributes").put("ApproximateReceiveCount", "1");
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:" + ElasticMqResource.QUEUE);
        }
        return event;
    }

    /** A Lambda context with a minute left (the seam the runtime provides; no server plays it). */
    public static Context context() {
        Context context = Mockito.mock(Context.class);
        Mockito.when(context.getAwsRequestId()).thenReturn("test-request");
        Mockito.when(context.getRemainingTimeInMillis()).thenReturn(60_000);
        return context;
    }
}
