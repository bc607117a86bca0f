package io.idvmedia.staging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.idvmedia.aws.JsonProtocol;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The job queue's sends against an HTTP server answering as SQS's JSON protocol does where ElasticMQ cannot be made
 * to (WireMock): what is signed and sent, what is tried again, and what a caller gets when SQS refuses.
 */
class SqsSenderTest {

    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/idv-staging";
    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final ObjectMapper json = new ObjectMapper();
    private SqsSender sender;

    @BeforeEach
    void start() {
        server.start();
        sender = new SqsSender(URI.create(server.baseUrl()), "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x")), json);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void shouldSendTheJobSignedForSqsAndAnswerItsMessageId() throws Exception {
        // GIVEN SQS taking a message
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(SqsSender.TARGET))
                .willReturn(aResponse().withHeader("Content-Type", SqsSender.CONTENT_TYPE)
                        .withBody("{\"MD5OfMessageBody\":\"x\",\"MessageId\":\"m-1\"}")));

        // WHEN a job is sent
        String id = sender.send(QUEUE, "{\"provider\":\"yoti\"}");

        // THEN SQS's id for it is answered, and the request named the queue and the body, signed for SQS
        assertThat(id).isEqualTo("m-1");
        LoggedRequest sent = server.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        assertThat(json.readTree(sent.getBody())).isEqualTo(json.createObjectNode().put("QueueUrl", QUEUE)
                .put("MessageBody", "{\"provider\":\"yoti\"}"));
        assertThat(sent.getHeader("Content-Type")).isEqualTo(SqsSender.CONTENT_TYPE);
        assertThat(sent.getHeader("Authorization")).contains("/eu-west-1/sqs/aws4_request");
    }

    @Test
    void shouldTryAgainAfterThrottlingAndServerErrors() {
        // GIVEN SQS throttling, then failing, then taking the message
        server.stubFor(post(urlEqualTo("/")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withBody("{\"__type\":\"com.amazonaws.sqs#ThrottlingException\""
                        + ",\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("failing"));
        server.stubFor(post(urlEqualTo("/")).inScenario("busy").whenScenarioStateIs("failing")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("well"));
        server.stubFor(post(urlEqualTo("/")).inScenario("busy").whenScenarioStateIs("well")
                .willReturn(aResponse().withBody("{\"MessageId\":\"m-3\"}")));

        // THEN the third attempt's id is answered
        assertThat(sender.send(QUEUE, "{}")).isEqualTo("m-3");
        server.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void shouldAnswerAQueueProblemWhenSqsRefusesTheJobAndNeverTryARefusalAgain() {
        // GIVEN SQS refusing: the queue does not exist (its message quotes the account)
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withBody("{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"The specified queue"
                        + " 123456789012/idv-staging does not exist.\"}")));

        // THEN the send fails naming SQS's status and error type, not its message
        assertThatThrownBy(() -> sender.send(QUEUE, "{}")).isInstanceOf(JsonProtocol.CallFailure.class)
                .hasMessage("SQS answered 400 (QueueDoesNotExist)");
        server.verify(1, postRequestedFor(urlEqualTo("/")));
        // AND a job submitted to the queue is a problem a caller can retry later
        SqsJobQueue queue = new SqsJobQueue(() -> sender, QUEUE, json);
        assertThatThrownBy(() -> queue.submit(new StagingJob("yoti", "s-1", "m-1", "webhook")))
                .isInstanceOfSatisfying(IdvException.class, e -> assertThat(e.type())
                        .isEqualTo(ProblemType.QUEUE_UNAVAILABLE));
    }
}
