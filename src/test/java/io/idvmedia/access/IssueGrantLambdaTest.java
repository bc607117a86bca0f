package io.idvmedia.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.idvmedia.testing.LambdaEvents.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.lambda.IssueGrantHandler;
import io.idvmedia.testing.AccessKeys;
import io.idvmedia.testing.AccessTestResource;
import io.idvmedia.testing.Api;
import io.idvmedia.testing.Fixtures;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockYoti;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The issue-grant function: mints grants the gate accepts, for direct invocations only, and refuses bad requests. */
@QuarkusTest
@TestProfile(IssueGrantLambdaTest.IssueGrant.class)
@WithTestResource(AccessTestResource.class)
class IssueGrantLambdaTest {

    /** issue-grant, signing with the EC key whose public half the JWK Set secret holds. */
    public static class IssueGrant implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", IssueGrantHandler.NAME,
                    "idv.access.signing-key", "file:" + AccessKeys.DIR.resolve("ec-1.json"));
        }
    }

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    @Test
    void shouldMintAGrantTheGateAccepts() throws InterruptedException {
        AccessKeys.writeSecretJwks(false);
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo(WireMockYoti.BASE_PATH + "/sessions/" + AccessTest.SID))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"session_id\":\"" + AccessTest.SID + "\"}")));

        JsonNode minted;
        try (LogCapture audit = LogCapture.of(AuditLog.CATEGORY)) {
            minted = invoke(Fixtures.json(("{\"provider\":\"yoti\",\"sessionIds\":[\"" + AccessTest.SID
                    + "\"],\"operations\":[\"get-session\"],\"subject\":\"backend-42\",\"ttlSeconds\":120}")
                    .getBytes(StandardCharsets.UTF_8)));

            // The grant is on the record: for whom, what, how long, its jti; never the token.
            String token = minted.get("token").asText();
            String jti = Fixtures.json(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("jti").asText();
            String line = audit.await("\"operation\":\"issue-grant\"", "\"outcome\":\"minted\"");
            assertThat(line).contains("\"subject\":\"backend-42\"").contains("\"jti\":\"" + jti + "\"")
                    .contains("\"sessionIds\":[\"" + AccessTest.SID + "\"]")
                    .contains("\"operations\":[\"get-session\"]")
                    .contains("\"lifetimeSeconds\":120").doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }

        assertThat(minted.has("error")).as(minted.toString()).isFalse();
        assertThat(minted.get("expiresAt").asText()).isNotEmpty();
        String token = minted.get("token").asText();
        Api.anonymous().header("Authorization", "Bearer " + token)
                .get("/v1/yoti/sessions/" + AccessTest.SID).then().statusCode(200);
        Api.anonymous().header("Authorization", "Bearer " + token)
                .get("/v1/yoti/sessions/" + AccessTest.SID + "/media").then().statusCode(403);
    }

    @Test
    void shouldMintTypedGrantsWithLowSSignaturesOnly() {
        // WHEN twenty grants are minted (an unnormalizing ECDSA signer gives the high-S form about half the time)
        for (int i = 0; i < 20; i++) {
            String token = invoke(Fixtures.json(("{\"provider\":\"yoti\",\"sessionIds\":[\"" + AccessTest.SID
                    + "\"],\"operations\":[\"get-session\"],\"subject\":\"backend-" + i + "\"}")
                    .getBytes(StandardCharsets.UTF_8))).get("token").asText();
            String[] parts = token.split("\\.");

            // THEN each is typed as a grant, and its ES256 signature is in the low-S form
            JsonNode header = Fixtures.json(Base64.getUrlDecoder().decode(parts[0]));
            assertThat(header.path("typ").asText()).isEqualTo("idv-grant+jwt");
            assertThat(CompactGrant.isLowS(Base64.getUrlDecoder().decode(parts[2]))).as(token).isTrue();
        }
    }

    @Test
    void shouldRefuseBadRequestsAndApiGatewayEvents() {
        for (String bad : List.of("{}", "[]", "\"x\"", "{\"provider\":\"yoti\",\"sessionIds\":[\"nope\"],"
                + "\"operations\":[\"get-session\"],\"subject\":\"s\"}", "{\"provider\":\"yoti\",\"sessionIds\":[\""
                + AccessTest.SID + "\"],\"operations\":[\"get-session\"],\"subject\":\"s\",\"ttlSeconds\":3600}",
                "{\"provider\":\"yoti\",\"sessionIds\":\"" + AccessTest.SID + "\"}")) {
            JsonNode answer = invoke(Fixtures.json(bad.getBytes(StandardCharsets.UTF_8)));
            assertThat(answer.at("/error/status").asInt()).as(bad).isEqualTo(400);
        }
        JsonNode viaApi = invoke(AccessLambdaTest.mediaEvent(null));
        assertThat(viaApi.get("statusCode").asInt()).isEqualTo(404);
    }
}
