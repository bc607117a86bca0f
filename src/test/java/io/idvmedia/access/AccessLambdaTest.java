package io.idvmedia.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.idvmedia.testing.LambdaEvents.anonymousApiGateway;
import static io.idvmedia.testing.LambdaEvents.invoke;
import static io.idvmedia.testing.LambdaEvents.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.lambda.GetMediaHandler;
import io.idvmedia.testing.AccessKeys;
import io.idvmedia.testing.AccessTestResource;
import io.idvmedia.testing.Fixtures;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockYoti;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access gate through the Lambda handlers: an API Gateway event is checked exactly as an HTTP request is (the
 * adapter reads its authorization header), and a direct invocation is authorized by IAM and needs no grant.
 */
@QuarkusTest
@TestProfile(AccessLambdaTest.GetMedia.class)
@WithTestResource(AccessTestResource.class)
class AccessLambdaTest {

    private static final String ROUTE = "/v1/{provider}/sessions/{sessionId}/media/{mediaId}";
    private static final byte[] IMAGE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 9, 8, 7, 6};

    /** get-media with the access test keys. */
    public static class GetMedia implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", GetMediaHandler.NAME);
        }
    }

    static JsonNode mediaEvent(String authorization) {
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("authorization", authorization);
        return anonymousApiGateway("GET", ROUTE, path("yoti", AccessTest.SID, AccessTest.MID), Map.of(), headers);
    }

    static void stubMedia(WireMockServer wireMock) {
        wireMock.stubFor(get(urlPathEqualTo(WireMockYoti.BASE_PATH + "/sessions/" + AccessTest.SID + "/media/"
                + AccessTest.MID + "/content")).willReturn(aResponse().withHeader("Content-Type", "image/jpeg")
                .withBody(IMAGE)));
    }

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void setUp() {
        wireMock.resetAll();
        AccessTestResource.serveEndpointJwks(wireMock, false);
        AccessKeys.writeSecretJwks(false);
    }

    @Test
    void shouldRefuseEventsWithoutAValidGrantBeforeAnyProviderCall() {
        Map<String, Integer> cases = Map.of(
                "", 401,
                "Bearer " + AccessTest.valid().lifetime(400, -100).sign(), 401,
                "Bearer " + AccessTest.valid().key(null, null, "none").sign(), 401,
                "Bearer " + AccessTest.valid().key(AccessKeys.forgedEc().getPrivateKey(), "ec-1",
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256).sign(), 401,
                "Bearer " + AccessTest.valid().sessions(AccessTest.OTHER_SID).sign(), 403,
                "Bearer " + AccessTest.valid().operations("get-session", "list-media").sign(), 403);
        cases.forEach((authorization, status) -> {
            JsonNode response = invoke(mediaEvent(authorization.isEmpty() ? null : authorization));
            assertThat(response.get("statusCode").asInt()).as(authorization).isEqualTo(status);
            assertThat(response.at("/headers/Content-Type").asText()).isEqualTo("application/problem+json");
            if (status == 401) {
                assertThat(response.at("/headers/WWW-Authenticate").asText()).contains("invalid_token");
            }
            JsonNode problem = Fixtures.json(response.get("body").asText().getBytes(StandardCharsets.UTF_8));
            assertThat(problem.get("status").asInt()).isEqualTo(status);
        });
        assertThat(wireMock.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getUrl())
                .startsWith(AccessTestResource.JWKS_PATH));
    }

    @Test
    void shouldServeAnEventWithAValidGrant() {
        stubMedia(wireMock);
        JsonNode response = invoke(mediaEvent("Bearer " + AccessTest.valid().operations("get-media").sign()));
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(Base64.getDecoder().decode(response.get("body").asText())).isEqualTo(IMAGE);
    }

    @Test
    void shouldServeADirectInvocationWithoutAGrant() {
        stubMedia(wireMock);
        JsonNode answer = invoke(Fixtures.json(("{\"provider\":\"yoti\",\"sessionId\":\"" + AccessTest.SID
                + "\",\"mediaId\":\"" + AccessTest.MID + "\",\"delivery\":\"stream\"}")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(Base64.getDecoder().decode(answer.get("base64").asText())).isEqualTo(IMAGE);
    }
}
