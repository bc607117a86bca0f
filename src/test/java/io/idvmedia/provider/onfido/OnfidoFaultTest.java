package io.idvmedia.provider.onfido;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
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
import com.github.tomakehurst.wiremock.http.Fault;
import io.idvmedia.testing.RawHttp;
import io.idvmedia.testing.Sandbox;
import io.idvmedia.testing.WireMockOnfido;
import io.idvmedia.testing.WireMockProvider;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Onfido's authentication, error shapes and failure modes, injected with WireMock. */
@QuarkusTest
@WithTestResource(WireMockOnfido.class)
class OnfidoFaultTest {

    private static final String BASE = WireMockOnfido.BASE_PATH;
    private static final String RUN = "0f1d0000-1111-4222-8333-444455556666";
    private static final String APPLICANT = "0f1d0000-aaaa-4bbb-8ccc-ddddeeeeffff";
    private static final String VIDEO = "0f1d0000-0000-4000-8000-00000000000a";
    // The media index is cached per run, so the media tests use runs of their own.
    private static final String STREAM_RUN = "0f1d0001-1111-4222-8333-444455556666";
    private static final String BROKEN_RUN = "0f1d0002-1111-4222-8333-444455556666";
    private static final String RUN_JSON = "{\"id\":\"%s\",\"applicant_id\":\"" + APPLICANT
            + "\",\"status\":\"approved\",\"output\":null,\"reasons\":[],\"error\":null}";

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String error(String type, String message) {
        return "{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\",\"fields\":{}}}";
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:idv-media:problem:" + type));
    }

    @Test
    void shouldSendTheTokenAndReturnTheRunAsSent() {
        String run = String.format(RUN_JSON, RUN);
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/workflow_runs/" + RUN)).willReturn(json(200, run)));

        String body = given().when().get("/v1/onfido/sessions/" + RUN).then().statusCode(200).extract().asString();

        assertThat(body).isEqualTo(run);
        wireMock.verify(getRequestedFor(urlPathEqualTo(BASE + "/workflow_runs/" + RUN))
                .withHeader("Authorization", WireMock.equalTo("Token token=" + WireMockOnfido.API_TOKEN)));
    }

    @Test
    void shouldReportRejectedCredentialsAfterOneReread() {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/workflow_runs/" + RUN)).willReturn(
                json(401, error("authorization_error", "Authorization error: please re-check your credentials"))));

        problem(given().when().get("/v1/onfido/sessions/" + RUN).then(), 502, "provider-auth-rejected")
                .body("detail", containsString("authorization_error"));

        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    }

    @Test
    void shouldMapOnfidosErrorsToProblemsWithoutEchoingTheirMessages() {
        String path = BASE + "/workflow_runs/" + RUN;
        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(json(403, error("forbidden", "secret detail"))));
        problem(given().when().get("/v1/onfido/sessions/" + RUN).then(), 502, "provider-auth-rejected");

        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(json(404, error("resource_not_found", "gone"))));
        problem(given().when().get("/v1/onfido/sessions/" + RUN).then(), 404, "not-found");

        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(
                json(422, error("validation_error", "Jane Doe's <script> is invalid"))));
        problem(given().when().get("/v1/onfido/sessions/" + RUN).then(), 400, "invalid-request")
                .body("detail", containsString("validation_error"))
                .body("detail", not(containsString("Jane")))
                .body("detail", not(containsString("script")));

        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(json(500, error("internal_server_error", "oops"))));
        problem(given().when().get("/v1/onfido/sessions/" + RUN).then(), 502, "provider-error")
                .body("detail", not(containsString("oops")));
        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(json(504, error("timeout", "slow"))));
        problem(given().when().get("/v1/onfido/sessions/" + RUN).then(), 502, "provider-error");
    }

    @Test
    void shouldPassA429OnWithItsRetryAfter() {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/workflow_runs/" + RUN)).willReturn(
                json(429, error("rate_limit", "Rate limit exceeded")).withHeader("Retry-After", "90")));

        problem(given().when().get("/v1/onfido/sessions/" + RUN).then(), 429, "rate-limited")
                .header("Retry-After", "90");
    }

    @Test
    void shouldDeleteTheRunsApplicant() {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/workflow_runs/" + RUN))
                .willReturn(json(200, String.format(RUN_JSON, RUN))));
        wireMock.stubFor(delete(urlPathEqualTo(BASE + "/applicants/" + APPLICANT))
                .willReturn(aResponse().withStatus(204)));
        // The account's runs: this one, and another applicant's; then an empty page.
        runsPage(1, "[" + String.format(RUN_JSON, RUN) + "," + String.format(RUN_JSON, STREAM_RUN)
                .replace(APPLICANT, "0f1d0000-9999-4bbb-8ccc-ddddeeeeffff") + "]");
        runsPage(2, "[]");

        given().when().delete("/v1/onfido/sessions/" + RUN).then().statusCode(200)
                .body("providerStatus", equalTo(204));

        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo(BASE + "/applicants/" + APPLICANT))
                .withHeader("Authorization", WireMock.equalTo("Token token=" + WireMockOnfido.API_TOKEN)));
    }

    @Test
    void shouldNotDeleteAnApplicantWithAnotherRunOnALaterPageUnlessAskedTo() {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/workflow_runs/" + RUN))
                .willReturn(json(200, String.format(RUN_JSON, RUN))));
        wireMock.stubFor(delete(urlPathEqualTo(BASE + "/applicants/" + APPLICANT))
                .willReturn(aResponse().withStatus(204)));
        runsPage(1, "[" + String.format(RUN_JSON, RUN) + "]");
        runsPage(2, "[" + String.format(RUN_JSON, BROKEN_RUN) + "]");
        runsPage(3, "[]");

        given().when().delete("/v1/onfido/sessions/" + RUN).then().statusCode(409)
                .body("detail", containsString("1 other workflow run"))
                .body("detail", not(containsString(BROKEN_RUN)));
        wireMock.verify(0, deleteRequestedFor(urlPathEqualTo(BASE + "/applicants/" + APPLICANT)));

        given().queryParam("scope", "applicant").when().delete("/v1/onfido/sessions/" + RUN).then().statusCode(200);
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo(BASE + "/applicants/" + APPLICANT)));
    }

    private void runsPage(int page, String body) {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/workflow_runs")).withQueryParam("page",
                WireMock.equalTo(String.valueOf(page))).willReturn(json(200, body)));
    }

    @Test
    void shouldStreamAMediaFoundInTheIndexAndListOnlyOnce() {
        byte[] video = new byte[1024 * 1024];
        new SplittableRandom(5).nextBytes(video);
        stubRun(STREAM_RUN);
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/live_videos/" + VIDEO + "/download"))
                .willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(video)));

        for (int i = 0; i < 2; i++) {
            byte[] body = given().when().get("/v1/onfido/sessions/" + STREAM_RUN + "/media/" + VIDEO).then()
                    .statusCode(200).contentType("video/mp4").extract().asByteArray();
            assertThat(body).isEqualTo(video);
        }

        wireMock.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/live_videos"))
                .withQueryParam("applicant_id", WireMock.equalTo(APPLICANT)));
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/live_videos/" + VIDEO + "/download")));
    }

    @Test
    void shouldNeverEndABrokenMediaBodyAsIfItWereComplete() {
        // GIVEN a video whose connection breaks after the response has begun
        stubRun(BROKEN_RUN);
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/live_videos/" + VIDEO + "/download")).willReturn(
                aResponse().withHeader("Content-Type", "video/mp4").withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        // WHEN it is fetched through the API
        RawHttp.Exchange exchange = RawHttp.get(Sandbox.port(), "/v1/onfido/sessions/" + BROKEN_RUN + "/media/"
                + VIDEO);

        // THEN it is a clean problem before any byte (the first read fails), never a 200 that looks complete
        assertThat(exchange.status()).isEqualTo(502);
        assertThat(exchange.tailText()).contains("provider-error");
    }

    private void stubRun(String runId) {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/workflow_runs/" + runId))
                .willReturn(json(200, String.format(RUN_JSON, runId))));
        for (String collection : new String[] {"documents", "live_photos", "motion_captures", "id_photos"}) {
            wireMock.stubFor(get(urlPathEqualTo(BASE + "/" + collection))
                    .willReturn(json(200, "{\"" + collection + "\":[]}")));
        }
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/live_videos")).willReturn(json(200,
                "{\"live_videos\":[{\"id\":\"" + VIDEO + "\",\"file_name\":\"video.mp4\",\"file_type\":\"video/mp4\","
                        + "\"file_size\":1048576,\"challenge\":[]}]}")));
    }
}
