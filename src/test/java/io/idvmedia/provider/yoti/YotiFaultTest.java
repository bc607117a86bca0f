package io.idvmedia.provider.yoti;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockYoti;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Yoti failure modes injected with WireMock: retries, backoff, Retry-After, timeouts, resets, auth. */
@QuarkusTest
@WithTestResource(WireMockYoti.class)
class YotiFaultTest {

    private static final String SID = "5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c";
    private static final String MID = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String SESSION_PATH = WireMockYoti.BASE_PATH + "/sessions/" + SID;
    private static final String MEDIA_PATH = SESSION_PATH + "/media/" + MID + "/content";
    private static final String SESSION_JSON = "{\"session_id\":\"" + SID + "\",\"state\":\"COMPLETED\"}";

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private void sequence(String path, ResponseDefinitionBuilder... responses) {
        String state = STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            wireMock.stubFor(get(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }

    private ValidatableResponse getSession() {
        return given().when().get("/v1/yoti/sessions/" + SID).then();
    }

    private List<LoggedRequest> requests() {
        return wireMock.findAll(anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldSendSignedRequestsWithTheYotiHeaders() {
        wireMock.stubFor(get(urlPathEqualTo(SESSION_PATH)).willReturn(json(200, SESSION_JSON)));

        getSession().statusCode(200);

        wireMock.verify(getRequestedFor(urlPathEqualTo(SESSION_PATH))
                .withQueryParam("sdkId", equalToValue("test-sdk-id"))
                .withQueryParam("nonce", matching("[0-9a-f-]{36}"))
                .withQueryParam("timestamp", matching("[0-9]{13}"))
                .withHeader("X-Yoti-Auth-Digest", matching("[A-Za-z0-9+/=]{300,}"))
                .withHeader("X-Yoti-SDK", matching(".+"))
                .withHeader("X-Yoti-SDK-Version", matching(".+"))
                .withHeader("Accept", equalToValue("application/json")));
    }

    @Test
    void shouldRetryTransient5xxWithAFreshNonceEachTime() {
        sequence(SESSION_PATH, json(503, "{}"), json(502, "{}"), json(200, SESSION_JSON));

        getSession().statusCode(200).body("session_id", equalTo(SID));

        List<LoggedRequest> sent = requests();
        assertThat(sent).hasSize(3);
        assertThat(sent.stream().map(r -> r.queryParameter("nonce").firstValue()).distinct()).hasSize(3);
    }

    @Test
    void shouldGiveUpAfterTheBoundedNumberOfAttempts() {
        wireMock.stubFor(get(urlPathEqualTo(SESSION_PATH)).willReturn(json(500, "{\"code\":\"INTERNAL\"}")));

        problem(getSession(), 502, "provider-error").body("detail", containsString("HTTP 500"));

        assertThat(requests()).hasSize(3);
    }

    @Test
    void shouldHonourRetryAfterOn429() {
        sequence(SESSION_PATH, json(429, "{}").withHeader("Retry-After", "1"), json(200, SESSION_JSON));
        long started = System.nanoTime();

        getSession().statusCode(200);

        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(950);
        assertThat(requests()).hasSize(2);
    }

    @Test
    void shouldPassA429OnWhenItsRetryAfterExceedsTheBudget() {
        wireMock.stubFor(get(urlPathEqualTo(SESSION_PATH))
                .willReturn(json(429, "{}").withHeader("Retry-After", "120")));

        problem(getSession(), 429, "rate-limited").header("Retry-After", "120");

        assertThat(requests()).hasSize(1);
    }

    @Test
    void shouldRereadCredentialsOnceOn401ThenReport502() {
        wireMock.stubFor(get(urlPathEqualTo(SESSION_PATH))
                .willReturn(json(401, "{\"code\":\"INVALID_REQUEST_SIGNATURE\",\"message\":\"nope\"}")));

        problem(getSession(), 502, "provider-auth-rejected")
                .body("detail", containsString("rejected our credentials"))
                .body("detail", containsString("INVALID_REQUEST_SIGNATURE"))
                .body("detail", not(containsString("nope")));

        assertThat(requests()).hasSize(2);
    }

    @Test
    void shouldSucceedWhenTheRereadCredentialsAreAccepted() {
        sequence(SESSION_PATH, json(401, "{}"), json(200, SESSION_JSON));

        getSession().statusCode(200);
    }

    @Test
    void shouldMapProviderStatusesToProblems() {
        wireMock.stubFor(get(urlPathEqualTo(SESSION_PATH)).willReturn(json(403, "{}")));
        problem(getSession(), 502, "provider-auth-rejected");

        wireMock.stubFor(get(urlPathEqualTo(SESSION_PATH))
                .willReturn(json(404, "{\"code\":\"SESSION_NOT_FOUND\"}")));
        problem(getSession(), 404, "not-found");

        wireMock.stubFor(delete(urlPathEqualTo(SESSION_PATH))
                .willReturn(json(409, "{\"code\":\"SESSION_NOT_COMPLETED\"}")));
        problem(given().when().delete("/v1/yoti/sessions/" + SID).then(), 409, "conflict");

        wireMock.stubFor(get(urlPathEqualTo(SESSION_PATH)).willReturn(json(200, "<html>maintenance</html>")));
        problem(getSession(), 502, "provider-bad-response");
    }

    @Test
    void shouldAnswer504WhenTheProviderDoesNotAnswerInTime() {
        wireMock.stubFor(get(urlPathEqualTo(SESSION_PATH))
                .willReturn(json(200, SESSION_JSON).withFixedDelay(3_000)));

        problem(getSession(), 504, "provider-timeout");

        assertThat(requests()).hasSize(3);
    }

    @Test
    void shouldAnswer504WhenTheSessionTricklesInLongerThanTheReadTimeout() {
        // GIVEN a session document sent in pieces, each well within the read timeout (700 ms), over 6 s in all
        String padded = "{\"session_id\":\"" + SID + "\",\"state\":\"COMPLETED\",\"pad\":\"" + "x".repeat(3000)
                + "\"}";
        wireMock.stubFor(get(urlPathEqualTo(SESSION_PATH))
                .willReturn(json(200, padded).withChunkedDribbleDelay(30, 6_000)));

        // WHEN the session is asked for
        long started = System.nanoTime();
        ValidatableResponse answer = getSession();

        // THEN the document is given up once the read timeout has passed, not when the provider is done
        problem(answer, 504, "provider-timeout");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void shouldRetryAConnectionReset() {
        sequence(SESSION_PATH, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), json(200, SESSION_JSON));

        getSession().statusCode(200);
    }

    @Test
    void shouldAnswer502WhenMediaFailsBeforeItsFirstByte() {
        wireMock.stubFor(get(urlPathEqualTo(MEDIA_PATH))
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        problem(given().when().get("/v1/yoti/sessions/" + SID + "/media/" + MID).then(), 502, "provider-error");

        assertThat(requests()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldAnswer504WhenMediaStallsBeforeItsFirstByte() {
        // Headers arrive at once, but the first piece of the body only after twice the read timeout.
        wireMock.stubFor(get(urlPathEqualTo(MEDIA_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "video/mp4").withBody(new byte[1024]).withChunkedDribbleDelay(1, 1_500)));

        problem(given().when().get("/v1/yoti/sessions/" + SID + "/media/" + MID).then(), 504, "provider-timeout");
    }

    private static StringValuePattern equalToValue(String value) {
        return WireMock.equalTo(value);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:idv-media:problem:" + type))
                .body("status", equalTo(status));
    }
}
