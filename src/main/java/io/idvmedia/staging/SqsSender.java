package io.idvmedia.staging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.aws.AwsCall;
import io.idvmedia.aws.AwsCallObserver;
import io.idvmedia.aws.JsonProtocol;
import io.idvmedia.aws.SignedHttp;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.endpoints.SqsEndpointProvider;

/**
 * SQS's {@code SendMessage}, one signed request of SQS's JSON protocol over the JDK's HTTP client
 * ({@link JsonProtocol}: the AWS SDK's signer, credentials providers and, where no endpoint is configured, SQS's
 * endpoint rules, without the SDK's client pipeline), tried again as the SDK would.
 */
final class SqsSender {

    static final String TARGET = "AmazonSQS.SendMessage";
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final JsonProtocol sqs;
    private final ObjectMapper json;
    private final List<AwsCallObserver> observers = AwsCall.observers();

    SqsSender(URI endpoint, String region, AwsCredentialsProvider credentials, ObjectMapper json) {
        this.sqs = new JsonProtocol("SQS", "sqs", endpoint, region, CONTENT_TYPE, credentials, json);
        this.json = json;
    }

    /** The region from the configuration or the SDK's lookup, the endpoint from it or SQS's endpoint rules. */
    static SqsSender configured(JobsConfig.Sqs config, ObjectMapper json) {
        String region = SignedHttp.region(config.region());
        URI endpoint = config.endpoint().orElseGet(() -> SqsEndpointProvider.defaultProvider()
                .resolveEndpoint(p -> p.region(Region.of(region))).join().url());
        return new SqsSender(endpoint, region, SignedHttp.defaultCredentials(), json);
    }

    /**
     * Sends a message to the queue.
     *
     * @return SQS's id for it
     * @throws JsonProtocol.CallFailure when SQS refused it or could not be reached
     */
    String send(String queueUrl, String body) {
        try {
            JsonNode answer = sqs.call(TARGET, json.createObjectNode().put("QueueUrl", queueUrl)
                    .put("MessageBody", body));
            if (!answer.path("MessageId").isTextual()) {
                throw new IllegalStateException("SQS answered without a message id");
            }
            observe(queueUrl, Optional.of(200), Optional.empty());
            return answer.path("MessageId").textValue();
        } catch (JsonProtocol.CallFailure e) {
            observe(queueUrl, e.status() == 0 ? Optional.empty() : Optional.of(e.status()),
                    e.status() == 0 ? Optional.of(e.getClass().getSimpleName()) : Optional.empty());
            throw e;
        }
    }

    private void observe(String queueUrl, Optional<Integer> status, Optional<String> failure) {
        AwsCall call = new AwsCall("Sqs", "SendMessage", Map.of("queueUrl", queueUrl), status, failure);
        observers.forEach(o -> o.observed(call));
    }
}
