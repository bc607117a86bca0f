package io.idvmedia.provider.sumsub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.idvmedia.media.StagedKey;
import io.idvmedia.signing.HmacSha256;
import io.idvmedia.testing.RawHttp;
import io.idvmedia.testing.Sandbox;
import io.idvmedia.testing.StoredCopies;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockSumsub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sumsub's request signing, error shapes and failure modes, injected with WireMock. */
@QuarkusTest
@WithTestResource(WireMockSumsub.class)
class SumsubFaultTest {

    private static final String APPLICANT = "63e0a1b2c3d4e5f607182930";
    // The media index is cached per applicant, so the media tests use applicants of their own.
    private static final String STREAM_APPLICANT = "63e0a1b2c3d4e5f607182931";
    private static final String BROKEN_APPLICANT = "63e0a1b2c3d4e5f607182932";
    private static final String EXPORT_APPLICANT = "63e0a1b2c3d4e5f607182933";
    private static final String VIDEO = "1999000001";
    private static final String IMAGE = "1999000002";
    private static final String APPLICANT_JSON = "{\"id\":\"%s\",\"review\":{\"reviewStatus\":\"completed\","
            + "\"reviewResult\":{\"reviewAnswer\":\"GREEN\"}}}";

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String error(int code, int errorCode, String description) {
        return "{\"description\":\"" + description + "\",\"code\":" + code + ",\"correlationId\":\"c-1\","
                + "\"errorCode\":" + errorCode + ",\"errorName\":\"some-error\"}";
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:idv-media:problem:" + type));
    }

    @Test
    void shouldSignEveryRequestAsSumsubChecksItAndReturnTheApplicantAsSent() {
        String applicant = String.format(APPLICANT_JSON, APPLICANT);
        String path = "/resources/applicants/" + APPLICANT + "/one";
        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(json(200, applicant)));

        long before = Instant.now().getEpochSecond();
        String body = given().when().get("/v1/sumsub/sessions/" + APPLICANT).then().statusCode(200).extract()
                .asString();

        assertThat(body).isEqualTo(applicant);
        LoggedRequest sent = wireMock.findAll(anyRequestedFor(anyUrl())).get(0);
        String ts = sent.getHeader(SumsubApi.TIMESTAMP_HEADER);
        assertThat(Long.parseLong(ts)).isBetween(before, Instant.now().getEpochSecond());
        assertThat(sent.getHeader(SumsubApi.TOKEN_HEADER)).isEqualTo(WireMockSumsub.APP_TOKEN);
        assertThat(sent.getHeader(SumsubApi.SIGNATURE_HEADER))
                .isEqualTo(HmacSha256.sign(WireMockSumsub.SECRET_KEY, ts + "GET" + path));
    }

    @Test
    void shouldSignThePathWithItsQueryAndTheBody() {
        // The signature covers the query string and the exact body bytes, which a POST would carry.
        URI uri = URI.create("https://api.sumsub.com/resources/applicants/-/levels?limit=10&offset=0");
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(SumsubProvider.signature("k", "1700000000", "post", uri, body)).isEqualTo(HmacSha256.sign("k",
                "1700000000POST/resources/applicants/-/levels?limit=10&offset=0{\"a\":1}"));
    }

    @Test
    void shouldSignEachRetryAfreshAndReportRejectedCredentialsAfterOneReread() {
        String path = "/resources/applicants/" + APPLICANT + "/one";
        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(json(401, error(401, 4003, "Request signature"
                + " mismatch for Jane Doe"))));

        problem(given().when().get("/v1/sumsub/sessions/" + APPLICANT).then(), 502, "provider-auth-rejected")
                .body("detail", not(containsString("Jane")));

        // The credentials were read again and the call signed again once
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    }

    @Test
    void shouldMapSumsubsErrorsToProblemsWithoutEchoingTheirDescriptions() {
        String path = "/resources/applicants/" + APPLICANT + "/one";
        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(json(403, error(403, 1003, "secret detail"))));
        problem(given().when().get("/v1/sumsub/sessions/" + APPLICANT).then(), 502, "provider-auth-rejected");

        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(json(404, error(404, 0, "Applicant not found"))));
        problem(given().when().get("/v1/sumsub/sessions/" + APPLICANT).then(), 404, "not-found");

        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(json(409, error(409, 0, "Jane's <script>"))));
        problem(given().when().get("/v1/sumsub/sessions/" + APPLICANT).then(), 409, "conflict")
                .body("detail", not(containsString("Jane"))).body("detail", not(containsString("script")));

        for (int status : new int[] {500, 503, 504}) {
            wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(json(status, error(status, 0, "oops"))));
            problem(given().when().get("/v1/sumsub/sessions/" + APPLICANT).then(), 502, "provider-error")
                    .body("detail", not(containsString("oops")));
        }
    }

    @Test
    void shouldPassA429OnWithItsRetryAfterAndRetryA5xxSignedAfresh() {
        String path = "/resources/applicants/" + APPLICANT + "/one";
        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(
                json(429, error(429, 0, "Too many requests")).withHeader("Retry-After", "90")));
        problem(given().when().get("/v1/sumsub/sessions/" + APPLICANT).then(), 429, "rate-limited")
                .header("Retry-After", "90");

        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo(path)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, error(503, 0, "busy"))).willSetStateTo("well"));
        wireMock.stubFor(get(urlPathEqualTo(path)).inScenario("flaky").whenScenarioStateIs("well")
                .willReturn(json(200, String.format(APPLICANT_JSON, APPLICANT))));
        given().when().get("/v1/sumsub/sessions/" + APPLICANT).then().statusCode(200);
        List<LoggedRequest> attempts = wireMock.findAll(anyRequestedFor(anyUrl()));
        assertThat(attempts).hasSize(2);
        for (LoggedRequest attempt : attempts) {
            String ts = attempt.getHeader(SumsubApi.TIMESTAMP_HEADER);
            assertThat(attempt.getHeader(SumsubApi.SIGNATURE_HEADER))
                    .isEqualTo(HmacSha256.sign(WireMockSumsub.SECRET_KEY, ts + "GET" + path));
        }
    }

    @Test
    void shouldStreamAListedVideoAndListOnlyOnce() {
        byte[] video = new byte[1024 * 1024];
        new SplittableRandom(5).nextBytes(video);
        stubApplicant(STREAM_APPLICANT);
        wireMock.stubFor(get(urlPathEqualTo("/resources/applicants/" + STREAM_APPLICANT + "/resources/" + VIDEO))
                .willReturn(aResponse().withHeader("Content-Type", "video/webm").withBody(video)));

        for (int i = 0; i < 2; i++) {
            byte[] body = given().when().get("/v1/sumsub/sessions/" + STREAM_APPLICANT + "/media/" + VIDEO).then()
                    .statusCode(200).contentType("video/webm").extract().asByteArray();
            assertThat(body).isEqualTo(video);
        }
        wireMock.verify(1, getRequestedFor(
                urlPathEqualTo("/resources/applicants/" + STREAM_APPLICANT + "/metadata/resources")));
    }

    @Test
    void shouldNeverEndABrokenMediaBodyAsIfItWereComplete() {
        stubApplicant(BROKEN_APPLICANT);
        wireMock.stubFor(get(urlPathEqualTo("/resources/applicants/" + BROKEN_APPLICANT + "/resources/" + VIDEO))
                .willReturn(aResponse().withHeader("Content-Type", "video/mp4")
                        .withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        RawHttp.Exchange exchange = RawHttp.get(Sandbox.port(), "/v1/sumsub/sessions/" + BROKEN_APPLICANT
                + "/media/" + VIDEO);

        assertThat(exchange.status()).isEqualTo(502);
        assertThat(exchange.tailText()).contains("provider-error");
    }

    @Test
    void shouldCutAnExportOffAndStageNothingWhenAMediaBodyBreaksOffMidway() {
        // GIVEN an applicant whose image (larger than the server's output buffer, so that the answer has begun) is
        // served whole and whose video's body breaks off after it began
        byte[] image = new byte[1024 * 1024];
        new SplittableRandom(6).nextBytes(image);
        wireMock.stubFor(get(urlPathEqualTo("/resources/applicants/" + EXPORT_APPLICANT + "/one"))
                .willReturn(json(200, String.format(APPLICANT_JSON, EXPORT_APPLICANT))));
        wireMock.stubFor(get(urlPathEqualTo("/resources/applicants/" + EXPORT_APPLICANT + "/metadata/resources"))
                .willReturn(json(200, "{\"items\":[{\"id\":\"" + IMAGE + "\",\"fileMetadata\":{\"fileType\":"
                        + "\"jpeg\",\"fileSize\":" + image.length + "},\"idDocDef\":{\"idDocType\":\"SELFIE\"}},"
                        + "{\"id\":\"" + VIDEO + "\",\"fileMetadata\":{\"fileType\":\"mp4\",\"fileSize\":1048576},"
                        + "\"idDocDef\":{\"idDocType\":\"VIDEO_SELFIE\"}}],\"totalItems\":2}")));
        wireMock.stubFor(get(urlPathEqualTo("/resources/applicants/" + EXPORT_APPLICANT + "/resources/" + IMAGE))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(image)));
        wireMock.stubFor(get(urlPathEqualTo("/resources/applicants/" + EXPORT_APPLICANT + "/resources/" + VIDEO))
                .willReturn(aResponse().withHeader("Content-Type", "video/mp4")
                        .withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        String route = "/v1/sumsub/sessions/" + EXPORT_APPLICANT + "/export";

        // WHEN it is exported as a stream, THEN the answer began (what the server's buffers held of it went out) and
        // is never complete; had it failed while the server still held all of it, it would have been a clean 502
        RawHttp.Exchange exchange = RawHttp.get(Sandbox.port(), route);
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.complete()).isFalse();
        assertThat(exchange.bodyBytes()).isPositive();
        assertThat(exchange.tailText()).doesNotContain("problem");

        // WHEN it is exported into the store, THEN it is a problem and no copy is kept
        given().queryParam("delivery", "url").when().get(route).then().statusCode(502)
                .body("detail", containsString("nothing was kept"));
        assertThat(StoredCopies.local(Path.of("target", "staged-test"), "sumsub", EXPORT_APPLICANT,
                StagedKey.EXPORT)).isFalse();
    }

    private void stubApplicant(String applicantId) {
        wireMock.stubFor(get(urlPathEqualTo("/resources/applicants/" + applicantId + "/metadata/resources"))
                .willReturn(json(200, "{\"items\":[{\"id\":\"" + VIDEO + "\",\"fileMetadata\":{\"fileName\":"
                        + "\"v.webm\",\"fileType\":\"webm\",\"fileSize\":1048576},\"idDocDef\":{\"country\":\"GBR\","
                        + "\"idDocType\":\"VIDEO_SELFIE\"},\"source\":\"liveness\",\"deactivated\":false}],"
                        + "\"totalItems\":1}")));
    }
}
