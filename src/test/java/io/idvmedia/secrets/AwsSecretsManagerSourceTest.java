package io.idvmedia.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import io.idvmedia.testing.SecretsManagerStubs;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * The Secrets Manager source against an HTTP server speaking Secrets Manager's JSON 1.1 protocol (WireMock): what it
 * signs and sends, how it reads a JSON secret once for all its fields, and how it fails and tries again.
 */
class AwsSecretsManagerSourceTest {

    private static final String TARGET = "secretsmanager.GetSecretValue";
    private WireMockServer server;
    private SecretsManagerReader reader;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        reader = new SecretsManagerReader(URI.create(server.baseUrl()), "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x")), new ObjectMapper());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void secret(String id, String secretString) {
        SecretsManagerStubs.secret(server, id, secretString, 0);
    }

    /** Every secret read is answered {@code {"a":"1","b":"2"}}, this many milliseconds late. */
    private void everySecretLate(int delayMillis) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).willReturn(aResponse()
                .withHeader("Content-Type", "application/x-amz-json-1.1").withFixedDelay(delayMillis)
                .withBody("{\"Name\":\"x\",\"SecretString\":\"{\\\"a\\\":\\\"1\\\",\\\"b\\\":\\\"2\\\"}\"}")));
    }

    private SecretsProvider provider() {
        return new SecretsProvider(Map.of(SecretReference.Scheme.AWS_SECRETS_MANAGER,
                new AwsSecretsManagerSource(() -> reader)), Duration.ofMinutes(5), Clock.systemUTC(),
                new ObjectMapper());
    }

    @Test
    void shouldReadAPlainSecretStringWithASignedRequest() {
        secret("yoti/sdk-id", "abc-123");

        assertThat(provider().get("aws-secretsmanager:yoti/sdk-id")).isEqualTo("abc-123");

        server.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDTEST/.*/eu-west-1/"
                        + "secretsmanager/aws4_request.*"))
                .withRequestBody(containing("yoti/sdk-id")));
    }

    @Test
    void shouldPickOneFieldOfAJsonSecret() {
        secret("veriff", "{\"apiKey\":\"k-1\",\"sharedSecret\":\"s-2\"}");

        SecretsProvider secrets = provider();

        assertThat(secrets.get("aws-secretsmanager:veriff#sharedSecret")).isEqualTo("s-2");
        assertThat(secrets.get("aws-secretsmanager:veriff#apiKey")).isEqualTo("k-1");
    }

    @Test
    void shouldCacheUntilInvalidated() {
        secret("cached", "one");
        SecretsProvider secrets = provider();
        secrets.get("aws-secretsmanager:cached");
        secrets.get("aws-secretsmanager:cached");
        server.verify(1, postRequestedFor(urlEqualTo("/")));

        secret("cached", "two");
        secrets.invalidate("aws-secretsmanager:cached");

        assertThat(secrets.get("aws-secretsmanager:cached")).isEqualTo("two");
        server.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void shouldMakeItsReaderAgainAfterForgettingIt() {
        // GIVEN a source whose readers (each with the credentials its provider resolves) are counted as made
        secret("counted", "v");
        AtomicInteger made = new AtomicInteger();
        SecretsProvider secrets = new SecretsProvider(Map.of(SecretReference.Scheme.AWS_SECRETS_MANAGER,
                new AwsSecretsManagerSource(() -> {
                    made.incrementAndGet();
                    return reader;
                })), Duration.ofMinutes(5), Clock.systemUTC(), new ObjectMapper());
        secrets.checkAtStart("idv.test", List.of("aws-secretsmanager:counted"), true, false);
        secrets.checkAtStart("idv.test", List.of("aws-secretsmanager:counted"), true, false);
        assertThat(made).as("one reader for both reads").hasValue(1);

        // WHEN the readers are forgotten, as before a snapshot, and the secret is read again
        secrets.forgetReaders();
        assertThat(secrets.get("aws-secretsmanager:counted")).isEqualTo("v");

        // THEN that read made a reader of its own
        assertThat(made).hasValue(2);
    }

    @Test
    void shouldReadAheadInTheBackgroundAndLetAUseWaitForItsReadInsteadOfReadingAgain() {
        // GIVEN Secrets Manager answering each secret after 0.8 s; two secrets, one named twice (two fields)
        SecretsProvider secrets = provider();
        everySecretLate(800);

        // WHEN a restored function starts reading them, and its first event then uses them at once
        long started = System.nanoTime();
        secrets.readAheadInBackground(List.of("aws-secretsmanager:yoti#a", "aws-secretsmanager:yoti#b",
                "aws-secretsmanager:access#a", "literal", "aws-secretsmanager:"));
        long returnedMillis = (System.nanoTime() - started) / 1_000_000;
        String b = secrets.get("aws-secretsmanager:yoti#b");
        String a = secrets.get("aws-secretsmanager:access#a");
        long usedMillis = (System.nanoTime() - started) / 1_000_000;

        // THEN the read-ahead returned before any answer, the uses waited for its reads (one request per secret,
        // both in flight together: the two uses took about one answer's time, not two)
        assertThat(returnedMillis).as("ms until the read-ahead returned").isLessThan(500);
        assertThat(b).isEqualTo("2");
        assertThat(a).isEqualTo("1");
        assertThat(usedMillis).as("ms until both secrets were used").isLessThan(1500);
        server.verify(2, postRequestedFor(urlEqualTo("/")));
        // AND a secret being read ahead is not read ahead twice
        secrets.readAheadInBackground(List.of("aws-secretsmanager:yoti#a"));
        server.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void shouldReadASecretAgainAtItsUseWhenItsReadAheadFailed() {
        // GIVEN Secrets Manager refusing the first read (a non-retryable error), then answering
        server.stubFor(post(urlEqualTo("/")).inScenario("refused once").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"no\"}"))
                .willSetStateTo("answering"));
        server.stubFor(post(urlEqualTo("/")).inScenario("refused once").whenScenarioStateIs("answering")
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Name\":\"once\",\"SecretString\":\"fine\"}")));
        SecretsProvider secrets = provider();

        // WHEN the read ahead fails and the secret is used
        secrets.readAheadInBackground(List.of("aws-secretsmanager:once"));
        String value = secrets.get("aws-secretsmanager:once");

        // THEN the use read it again and got it
        assertThat(value).isEqualTo("fine");
        server.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void shouldReadEachSecretOnceAndAllAtOnceWhenReadingAhead() {
        // GIVEN Secrets Manager answering each secret after a second; three secrets, one named twice (two fields)
        SecretsProvider secrets = provider();
        everySecretLate(1000);

        // WHEN a cold start reads them ahead of its checks (a literal and a malformed reference among them)
        secrets.readAhead(List.of("aws-secretsmanager:yoti#a", "aws-secretsmanager:yoti#b", "literal",
                "aws-secretsmanager:access#a", "aws-secretsmanager:webhooks#b", "aws-secretsmanager:"));

        // THEN each secret was asked for once, the three requests in flight together (each sent before any was
        // answered), and every field is served from what they read
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(3);
        List<Long> sent = requests.stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
        assertThat(sent.get(2) - sent.get(0)).as("the spread of the requests' arrivals, ms").isLessThan(1000);
        assertThat(secrets.get("aws-secretsmanager:yoti#b")).isEqualTo("2");
        secrets.checkAtStart("idv.access.jwks", List.of("aws-secretsmanager:access#a"), true, true);
        server.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void shouldKeepWhatTheStartUpCheckReadUnlessASnapshotIsBeingTaken() {
        // GIVEN a readable secret
        secret("kept", "{\"apiKey\":\"k-2\"}");
        SecretsProvider secrets = provider();

        // WHEN a cold start (not a snapshot's initialization) checks it, keeping what it read
        secrets.checkAtStart("idv.veriff.api-key", List.of("aws-secretsmanager:kept#apiKey"), true,
                !SecretChecks.snapshotting("on-demand"));

        // THEN its first use is served from the cache: Secrets Manager was asked once in all
        assertThat(secrets.get("aws-secretsmanager:kept#apiKey")).isEqualTo("k-2");
        server.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("kept")));
        // AND while a SnapStart snapshot is being taken nothing would be kept
        assertThat(SecretChecks.snapshotting("snap-start")).isTrue();
        assertThat(SecretChecks.snapshotting(null)).isFalse();
    }

    @Test
    void shouldCheckEverySecretsManagerReferenceAtStartUpWithoutKeepingItsValue() {
        // GIVEN two readable secrets, one blank and one that does not exist
        secret("good", "{\"apiKey\":\"k-1\"}");
        secret("blank", "{\"apiKey\":\"  \"}");
        server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("absent")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ResourceNotFoundException\",\"Message\":\"not found\"}")));
        SecretsProvider secrets = provider();

        // WHEN the start-up check reads them
        secrets.checkAtStart("idv.veriff.api-key", List.of("aws-secretsmanager:good#apiKey"), true, false);

        // THEN a readable one passes, and is read again at its first use (nothing was kept from the check)
        assertThat(secrets.get("aws-secretsmanager:good#apiKey")).isEqualTo("k-1");
        server.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("good")));

        // AND a missing or blank one stops the start, naming the setting and the entry, never a value or the secret
        assertThatThrownBy(() -> secrets.checkAtStart("idv.onfido.webhook-tokens",
                List.of("aws-secretsmanager:good#apiKey", "aws-secretsmanager:absent"), true, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("idv.onfido.webhook-tokens").hasMessageContaining("entry 2 of 2")
                .hasMessageNotContaining("absent").hasMessageNotContaining("k-1");
        assertThatThrownBy(() -> secrets.checkAtStart("idv.veriff.shared-secret",
                List.of("aws-secretsmanager:blank#apiKey"), true, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("idv.veriff.shared-secret")
                .hasMessageContaining("blank");
    }

    @Test
    void shouldReportAMissingSecretOrFieldWithoutItsValue() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ResourceNotFoundException\","
                        + "\"Message\":\"Secrets Manager can't find the specified secret.\"}")));
        assertThatThrownBy(() -> provider().get("aws-secretsmanager:absent"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("aws-secretsmanager: reference").hasMessageContaining("no such secret")
                .hasMessageNotContaining("absent");
        // A problem's detail never names the secret: an ARN would give away the account.
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:idv-veriff-AbCdEf";
        assertThatThrownBy(() -> provider().get("aws-secretsmanager:" + arn + "#sharedSecret"))
                .isInstanceOfSatisfying(SecretUnavailableException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("123456789012").doesNotContain("idv-veriff");
                    assertThat(e.reference().location()).isEqualTo(arn);
                });

        server.resetAll();
        secret("json", "{\"apiKey\":\"very-secret-value\"}");
        assertThatThrownBy(() -> provider().get("aws-secretsmanager:json#other"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("no field 'other'").hasMessageNotContaining("very-secret-value");
    }

    @Test
    void shouldServeEveryFieldOfASecretFromOneReadUntilItIsInvalidated() {
        // GIVEN one JSON secret holding two credentials, as infra/ writes a provider's
        secret("idv/yoti", "{\"sdkId\":\"sdk-1\",\"privateKey\":\"pem\"}");
        SecretsProvider secrets = provider();

        // WHEN both fields are read, and one of them again
        assertThat(secrets.get("aws-secretsmanager:idv/yoti#sdkId")).isEqualTo("sdk-1");
        assertThat(secrets.get("aws-secretsmanager:idv/yoti#privateKey")).isEqualTo("pem");
        assertThat(secrets.get("aws-secretsmanager:idv/yoti#sdkId")).isEqualTo("sdk-1");

        // THEN Secrets Manager was asked once
        server.verify(1, postRequestedFor(urlEqualTo("/")));

        // AND invalidating one field (the provider refused the credentials) reads the secret again for both
        secret("idv/yoti", "{\"sdkId\":\"sdk-2\",\"privateKey\":\"pem-2\"}");
        secrets.invalidate("aws-secretsmanager:idv/yoti#sdkId");
        assertThat(secrets.get("aws-secretsmanager:idv/yoti#privateKey")).isEqualTo("pem-2");
        assertThat(secrets.get("aws-secretsmanager:idv/yoti#sdkId")).isEqualTo("sdk-2");
        server.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void shouldSendExactlyWhatItSigned() {
        // GIVEN the session credentials Lambda gives a function
        reader = new SecretsManagerReader(URI.create(server.baseUrl()), "eu-west-1",
                StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIATEST", "secret-key", "token-1")),
                new ObjectMapper());
        secret("signed", "value");

        // WHEN a secret is read
        assertThat(provider().get("aws-secretsmanager:signed")).isEqualTo("value");

        // THEN signing again what the server received, at the time it carries, gives the signature it carries: no
        // signed header was dropped or changed on the way, and the body is the one signed
        LoggedRequest received = server.getAllServeEvents().get(0).getRequest();
        assertThat(received.getHeader("X-Amz-Security-Token")).isEqualTo("token-1");
        assertThat(received.getHeader("Content-Type")).isEqualTo(SecretsManagerReader.CONTENT_TYPE);
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(received.getHeader("X-Amz-Date"), Instant::from);
        SdkHttpRequest again = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create(server.baseUrl() + "/"))
                .putHeader("X-Amz-Target", received.getHeader("X-Amz-Target"))
                .putHeader("Content-Type", received.getHeader("Content-Type")).build();
        String expected = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsSessionCredentials.create("ASIATEST", "secret-key", "token-1"))
                .request(again).payload(ContentStreamProvider.fromByteArray(received.getBody()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
        assertThat(received.getHeader("Authorization")).isEqualTo(expected).contains(
                "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target");
        assertThat(received.getBodyAsString()).isEqualTo("{\"SecretId\":\"signed\"}");
    }

    @Test
    void shouldTryAgainAfterAServerErrorOrThrottling() {
        // GIVEN Secrets Manager failing twice (a 500, then throttling) before it answers
        server.stubFor(post(urlEqualTo("/")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"__type\":\"InternalServiceError\"}"))
                .willSetStateTo("throttled"));
        server.stubFor(post(urlEqualTo("/")).inScenario("flaky").whenScenarioStateIs("throttled")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", SecretsManagerReader.CONTENT_TYPE)
                        .withBody("{\"__type\":\"com.amazonaws.secretsmanager#ThrottlingException\","
                                + "\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("well"));
        server.stubFor(post(urlEqualTo("/")).inScenario("flaky").whenScenarioStateIs("well")
                .willReturn(aResponse().withHeader("Content-Type", SecretsManagerReader.CONTENT_TYPE)
                        .withBody("{\"Name\":\"flaky\",\"SecretString\":\"at-last\"}")));

        // WHEN it is read, THEN the third attempt's answer is the value
        assertThat(provider().get("aws-secretsmanager:flaky")).isEqualTo("at-last");
        server.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void shouldGiveUpAfterThreeAttemptsAndNeverRetryARefusal() {
        // GIVEN Secrets Manager down
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(503)));

        // THEN three attempts are made, and the failure says what answered
        assertThatThrownBy(() -> provider().get("aws-secretsmanager:down"))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("Secrets Manager answered 503");
        server.verify(3, postRequestedFor(urlEqualTo("/")));

        // AND a refusal is not tried again; its type is named, its message (which quotes the ARN) is not
        server.resetAll();
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("X-Amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/coral/")
                .withBody("{\"message\":\"User: arn:aws:sts::123456789012:assumed-role/x is not authorized\"}")));
        assertThatThrownBy(() -> provider().get("aws-secretsmanager:refused"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("Secrets Manager answered 400 (AccessDeniedException)")
                .hasMessageNotContaining("123456789012");
        server.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void shouldReportABrokenConnectionAfterTryingAgain() {
        // GIVEN a server that drops the connection
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        // THEN it is tried three times and reported by the kind of failure
        assertThatThrownBy(() -> provider().get("aws-secretsmanager:dropped"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("Secrets Manager call failed (");
        server.verify(3, postRequestedFor(urlEqualTo("/")));
    }
}
