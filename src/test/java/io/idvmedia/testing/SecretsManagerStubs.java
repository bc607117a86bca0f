package io.idvmedia.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

/** Secrets Manager played by WireMock: its JSON 1.1 protocol's answer to {@code GetSecretValue}. */
public final class SecretsManagerStubs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretsManagerStubs() {
    }

    /** The secret {@code id}, whose {@code SecretString} is the given one, answered this many milliseconds late. */
    public static void secret(WireMockServer server, String id, String secretString, int delayMillis) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + id + "\"}"))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withFixedDelay(delayMillis)
                        .withBody(JSON.createObjectNode()
                                .put("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + id)
                                .put("Name", id).put("SecretString", secretString).put("VersionId", "v1")
                                .toString())));
    }
}
