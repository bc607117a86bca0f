package io.idvmedia.provider.veriff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.idvmedia.media.StagedKey;
import io.idvmedia.signing.HmacSha256;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.RawHttp;
import io.idvmedia.testing.Sandbox;
import io.idvmedia.testing.StoredCopies;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockVeriff;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Veriff's signatures and failure modes, injected with WireMock. */
@QuarkusTest
@WithTestResource(WireMockVeriff.class)
class VeriffFaultTest {

    private static final String SID = "aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7";
    private static final String MID = "d69a07cf-4434-4d36-be6c-d22af7dc01fb";
    private static final String BASE = WireMockVeriff.BASE_PATH;
    private static final String DECISION = "{\"status\":\"success\",\"verification\":{\"id\":\"" + SID
            + "\",\"status\":\"approved\",\"code\":9001}}";
    // The media list is cached per session, so each media test uses a session of its own.
    private static final String STREAM_SID = "0b6c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4";
    private static final String ABORT_SID = "1c7d2e3f-4a5b-4c6d-9e7f-8091a2b3c4d5";
    private static final String ABORT_FIXED_SID = "2d8e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6";
    private static final String EXPORT_SID = "3e9f4a5b-6c7d-4e8f-9a01-b2c3d4e5f6a7";
    private static final String MEDIA_LIST = "{\"status\":\"success\",\"images\":[],\"videos\":[{\"id\":\"" + MID
            + "\",\"context\":\"selfid_video\",\"mimetype\":\"video/webm\",\"size\":\"1048576\"}]}";

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    private static ResponseDefinitionBuilder signedJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader(VeriffApi.SIGNATURE_HEADER, WireMockVeriff.sign(body)).withBody(body);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:idv-media:problem:" + type));
    }

    @Test
    void shouldSignRequestsOverThePathIdAndVerifyTheResponse() {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/sessions/" + SID + "/decision"))
                .willReturn(signedJson(200, DECISION)));

        String body = given().when().get("/v1/veriff/sessions/" + SID).then().statusCode(200).extract().asString();

        assertThat(body).isEqualTo(DECISION);
        wireMock.verify(getRequestedFor(urlPathEqualTo(BASE + "/sessions/" + SID + "/decision"))
                .withHeader("X-AUTH-CLIENT", WireMock.equalTo(WireMockVeriff.API_KEY))
                .withHeader("X-HMAC-SIGNATURE", WireMock.equalTo(
                        HmacSha256.sign(WireMockVeriff.SHARED_SECRET, SID))));
    }

    @Test
    void shouldAnswer502WhenAResponseSignatureDoesNotMatch() {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/sessions/" + SID + "/decision")).willReturn(
                aResponse().withHeader(VeriffApi.SIGNATURE_HEADER, WireMockVeriff.sign("something else"))
                        .withBody(DECISION)));

        problem(given().when().get("/v1/veriff/sessions/" + SID).then(), 502, "provider-bad-response")
                .body("detail", containsString("signature"));
    }

    @Test
    void shouldNeverServeTheDecisionOfAnotherSession() {
        // GIVEN Veriff (or something between it and us) answering, correctly signed, another session's decision
        String other = "0d6e5c4b-3a29-4180-9f7e-6d5c4b3a2918";
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/sessions/" + SID + "/decision"))
                .willReturn(signedJson(200, DECISION.replace(SID, other))));

        // THEN neither the document nor the summary is served
        problem(given().when().get("/v1/veriff/sessions/" + SID).then(), 502, "provider-bad-response")
                .body("detail", containsString("another session")).body(not(containsString(other)));
        problem(given().queryParam("view", "summary").when().get("/v1/veriff/sessions/" + SID).then(), 502,
                "provider-bad-response");
    }

    @Test
    void shouldAnswer502WhenAResponseIsNotSigned() {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/sessions/" + SID + "/decision"))
                .willReturn(aResponse().withBody(DECISION)));

        problem(given().when().get("/v1/veriff/sessions/" + SID).then(), 502, "provider-bad-response")
                .body("detail", containsString("without a response signature"));
    }

    @Test
    void shouldMapRefusedDeletesTo409AndOther400sTo502() {
        wireMock.stubFor(delete(urlPathEqualTo(BASE + "/sessions/" + SID)).willReturn(
                signedJson(400, "{\"status\":\"fail\",\"code\":1305,\"message\":\"Session can not be deleted\"}")));
        problem(given().when().delete("/v1/veriff/sessions/" + SID).then(), 409, "conflict");

        wireMock.stubFor(delete(urlPathEqualTo(BASE + "/sessions/" + SID)).willReturn(
                signedJson(400, "{\"status\":\"fail\",\"code\":\"1102\",\"message\":\"Mandatory parameter\"}")));
        problem(given().when().delete("/v1/veriff/sessions/" + SID).then(), 502, "provider-error")
                .body("detail", containsString("1102"));
    }

    @Test
    void shouldPassA429OnWithItsRetryAfter() {
        wireMock.stubFor(delete(urlPathEqualTo(BASE + "/sessions/" + SID)).willReturn(
                signedJson(429, "{\"status\":\"fail\",\"message\":\"Too many requests\"}").withHeader("Retry-After",
                        "90")));

        problem(given().when().delete("/v1/veriff/sessions/" + SID).then(), 429, "rate-limited")
                .header("Retry-After", "90");
    }

    @Test
    void shouldReportRejectedCredentialsAfterOneReread() {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/sessions/" + SID + "/decision")).willReturn(
                signedJson(401, "{\"status\":\"fail\",\"code\":\"1812\",\"message\":\"Signature mismatch\"}")));

        problem(given().when().get("/v1/veriff/sessions/" + SID).then(), 502, "provider-auth-rejected");

        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    }

    @Test
    void shouldStreamALargeMediaAndCheckItsListOnlyOnce() throws Exception {
        byte[] video = new byte[1024 * 1024];
        new SplittableRandom(3).nextBytes(video);
        stubMedia(STREAM_SID, video, WireMockVeriff.sign(video), false);

        for (int i = 0; i < 2; i++) {
            HttpResponse<InputStream> response = fetchMedia(STREAM_SID);
            assertThat(response.statusCode()).isEqualTo(200);
            try (InputStream in = response.body()) {
                assertThat(in.readAllBytes()).isEqualTo(video);
            }
        }

        wireMock.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/sessions/" + STREAM_SID + "/media")));
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/media/" + MID)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(booleans = {false, true})
    void shouldAbortALargeMediaWhoseSignatureFailsAtTheEnd(boolean fixedLength) {
        // GIVEN a video larger than what is checked before answering, signed wrongly, sent with or without a length
        byte[] video = new byte[1024 * 1024];
        new SplittableRandom(4).nextBytes(video);
        String sid = fixedLength ? ABORT_FIXED_SID : ABORT_SID;
        stubMedia(sid, video, WireMockVeriff.sign("not the video"), fixedLength);

        // Repeated: the abort races the framework, which would otherwise write the problem and end the body.
        for (int i = 0; i < 20; i++) {
            // WHEN it is fetched through the API
            RawHttp.Exchange exchange = RawHttp.get(Sandbox.port(), "/v1/veriff/sessions/" + sid + "/media/" + MID);

            // THEN the answer started, and it can never be read as complete, nor with a problem spliced onto it
            assertThat(exchange.status()).isEqualTo(200);
            assertThat(exchange.headers().containsKey("content-length")).isEqualTo(fixedLength);
            assertThat(exchange.complete()).as("run %d: body ended as its framing declares", i).isFalse();
            assertThat(exchange.bodyBytes()).isLessThan(video.length);
            assertThat(exchange.tailText()).doesNotContain("problem");
        }
    }

    @Test
    void shouldCutAnExportOffAndStageNothingWhenAMediaSignatureFails() {
        // GIVEN a session whose decision is signed and whose video's signature, checked at its end, is wrong
        String decision = "{\"status\":\"success\",\"verification\":{\"id\":\"" + EXPORT_SID
                + "\",\"status\":\"approved\",\"code\":9001}}";
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/sessions/" + EXPORT_SID + "/decision"))
                .willReturn(signedJson(200, decision)));
        byte[] video = new byte[1024 * 1024];
        new SplittableRandom(7).nextBytes(video);
        stubMedia(EXPORT_SID, video, WireMockVeriff.sign("not the video"), true);
        String route = "/v1/veriff/sessions/" + EXPORT_SID + "/export";

        // WHEN it is exported as a stream, THEN the answer began and is never complete
        RawHttp.Exchange exchange = RawHttp.get(Sandbox.port(), route);
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.complete()).isFalse();
        assertThat(exchange.tailText()).doesNotContain("problem");

        // WHEN it is exported into the store, THEN it is a problem and no copy is kept
        problem(given().queryParam("delivery", "url").when().get(route).then(), 502, "provider-bad-response")
                .body("detail", containsString("signature")).body("detail", containsString("nothing was kept"));
        assertThat(StoredCopies.local(Path.of("target", "staged-test"), "veriff", EXPORT_SID, StagedKey.EXPORT))
                .isFalse();
    }

    private void stubMedia(String sessionId, byte[] video, String signature, boolean fixedLength) {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/sessions/" + sessionId + "/media"))
                .willReturn(signedJson(200, MEDIA_LIST)));
        ResponseDefinitionBuilder media = aResponse().withHeader("Content-Type", "video/webm")
                .withHeader(VeriffApi.SIGNATURE_HEADER, signature).withBody(video);
        if (fixedLength) {
            media.withHeader("Content-Length", String.valueOf(video.length));
        }
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/media/" + MID)).willReturn(media));
    }

    private static HttpResponse<InputStream> fetchMedia(String sessionId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Sandbox.baseUrl()
                + "/v1/veriff/sessions/" + sessionId + "/media/" + MID))
                .header("Authorization", "Bearer " + Grants.forSession("veriff", sessionId)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }
}
