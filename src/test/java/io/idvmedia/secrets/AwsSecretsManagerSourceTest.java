package io.idvmedia.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The Secrets Manager source against an HTTP server speaking Secrets Manager's JSON 1.1 protocol. */
class AwsSecretsManagerSourceTest {

    private static final String TARGET = "secretsmanager.GetSecretValue";
    private WireMockServer server;
    private SecretsManagerClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1)
                .endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x")))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    private void secret(String id, String secretString) {
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + id + "\"}"))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(new ObjectMapper().createObjectNode()
                                .put("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + id)
                                .put("Name", id).put("SecretString", secretString)
                                .put("VersionId", "v1").toString())));
    }

    private SecretsProvider provider() {
        return new SecretsProvider(Map.of(SecretReference.Scheme.AWS_SECRETS_MANAGER,
                new AwsSecretsManagerSource(() -> client, new ObjectMapper())), Duration.ofMinutes(5),
                Clock.systemUTC());
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
}
