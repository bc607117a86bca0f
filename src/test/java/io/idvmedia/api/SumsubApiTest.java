package io.idvmedia.api;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.idvmedia.error.Problem;
import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.sandbox.SumsubSandboxData;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API for Sumsub against the embedded Sumsub sandbox, over real HTTP. */
@QuarkusTest
class SumsubApiTest {

    private static final String SESSIONS = "/v1/sumsub/sessions/";
    private static final String APPROVED = SumsubSandboxData.APPROVED;

    @Inject
    SumsubSandboxData sandbox;

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    @Test
    void shouldReturnTheApplicantByteForByte() {
        HttpResponse<byte[]> direct = Sandbox.sumsubGet("/resources/applicants/" + APPROVED + "/one");
        assertThat(direct.statusCode()).isEqualTo(200);

        byte[] proxied = given().when().get(SESSIONS + APPROVED).then().statusCode(200)
                .contentType("application/json").extract().asByteArray();

        assertThat(proxied).isEqualTo(direct.body());
    }

    @Test
    void shouldRefuseARequestSignedWithAnotherKeyOrAStaleTimeAsSumsubDoes() {
        String path = "/resources/applicants/" + APPROVED + "/one";
        HttpResponse<byte[]> wrongKey = Sandbox.sumsubGet(path, Instant.now().getEpochSecond(), "another-key");
        HttpResponse<byte[]> stale = Sandbox.sumsubGet(path, Instant.now().getEpochSecond() - 61,
                Sandbox.demoSecret("sumsub-demo-secret-key"));

        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(new String(wrongKey.body())).contains("\"errorCode\":4003");
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(new String(stale.body())).contains("\"errorCode\":4004");
    }

    @Test
    void shouldSummarizeEachReviewInTheCommonShape() {
        given().queryParam("view", "summary").when().get(SESSIONS + APPROVED).then().statusCode(200)
                .body("provider", equalTo("sumsub")).body("state", equalTo("completed"))
                .body("providerState", equalTo("completed")).body("decision", equalTo("approve"))
                .body("checks.type", equalTo(List.of("review")))
                .body("media.size()", equalTo(6));
        given().queryParam("view", "summary").when().get(SESSIONS + SumsubSandboxData.REJECTED).then()
                .statusCode(200).body("state", equalTo("completed")).body("decision", equalTo("reject"))
                .body("checks[0].reason", equalTo("FORGERY; DOCUMENT_DAMAGED"));
        given().queryParam("view", "summary").when().get(SESSIONS + SumsubSandboxData.PENDING).then()
                .statusCode(200).body("state", equalTo("in_progress")).body("decision", equalTo("pending"));
    }

    @Test
    void shouldListEveryImageOfTheApplicantDeactivatedOnesToo() {
        given().when().get(SESSIONS + APPROVED + "/media").then().statusCode(200)
                .body("provider", equalTo("sumsub"))
                .body("media.id", equalTo(List.of(SumsubSandboxData.ID_FRONT, SumsubSandboxData.ID_BACK,
                        SumsubSandboxData.SELFIE, SumsubSandboxData.VIDEO, SumsubSandboxData.UTILITY_BILL,
                        SumsubSandboxData.DECLINED)))
                .body("media.kind", equalTo(List.of("document_page", "document_page", "face_image", "selfie_video",
                        "supplementary_document", "document_page")))
                .body("media.providerType", equalTo(List.of("ID_CARD/FRONT_SIDE", "ID_CARD/BACK_SIDE", "SELFIE",
                        "VIDEO_SELFIE", "UTILITY_BILL", "ID_CARD/FRONT_SIDE;deactivated")))
                .body("media[3].mimeType", equalTo("video/mp4"))
                .body("media[3].size", equalTo((int) sandboxVideoSize()))
                .body("media[4].mimeType", equalTo("application/pdf"))
                .body("media[5].source", equalTo("/items/5"));
    }

    @Test
    void shouldStreamImagesTheDocumentAndTheVideoByteExact() throws Exception {
        for (String image : new String[] {SumsubSandboxData.ID_BACK, SumsubSandboxData.SELFIE,
                SumsubSandboxData.DECLINED}) {
            byte[] direct = Sandbox.sumsubGet("/resources/applicants/" + APPROVED + "/resources/" + image).body();
            Response response = given().when().get(SESSIONS + APPROVED + "/media/" + image);
            response.then().statusCode(200).contentType("image/jpeg")
                    .header("Content-Length", String.valueOf(direct.length));
            assertThat(response.asByteArray()).as(image).isEqualTo(direct);
        }
        byte[] bill = given().when().get(SESSIONS + APPROVED + "/media/" + SumsubSandboxData.UTILITY_BILL).then()
                .statusCode(200).contentType("application/pdf")
                .header("Content-Security-Policy", containsString("sandbox")).extract().asByteArray();
        assertThat(new String(bill, 0, 8)).isEqualTo("%PDF-1.4");
        // The video (512 MiB here) is compared as it streams, never held
        HttpResponse<InputStream> video = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                Sandbox.baseUrl() + SESSIONS + APPROVED + "/media/" + SumsubSandboxData.VIDEO + "?delivery=stream"))
                .header("Authorization", "Bearer " + Grants.forSession("sumsub", APPROVED)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.headers().firstValue("Content-Type")).contains("video/mp4");
        try (InputStream body = video.body()) {
            assertThat(Sandbox.firstDifference(body, GeneratedMedia.mp4(sandboxVideoSize(),
                    SumsubSandboxData.VIDEO_SEED))).isEqualTo(-1);
        }
    }

    @Test
    void shouldAnswer404ForAnotherApplicantsImageWithoutDownloadingIt() {
        problem(given().when().get(SESSIONS + APPROVED + "/media/" + SumsubSandboxData.PASSPORT), 404, "not-found")
                .body("detail", containsString("of session " + APPROVED));
        assertThat(sandbox.downloads(SumsubSandboxData.PASSPORT)).isZero();
    }

    @Test
    void shouldAnswer501ForEitherDeletionMakingNoCallButRemovingTheStagedCopies() {
        // GIVEN a staged copy of the selfie
        given().queryParam("delivery", "url").when().get(SESSIONS + APPROVED + "/media/" + SumsubSandboxData.SELFIE)
                .then().statusCode(200);

        // WHEN the session is deleted
        // THEN Sumsub's lack of erasure is said, with how erasure is asked for, and the staged copy went
        problem(given().when().delete(SESSIONS + APPROVED), 501, "not-supported-by-provider")
                .body("detail", containsString("privacy process"))
                .body("stagedCopiesRemoved", equalTo(List.of(SumsubSandboxData.SELFIE)));
        problem(given().when().delete(SESSIONS + APPROVED + "/media/" + SumsubSandboxData.ID_FRONT), 501,
                "not-supported-by-provider").body("detail", containsString("privacy process"));

        // AND Sumsub still has everything
        given().when().get(SESSIONS + APPROVED + "/media/" + SumsubSandboxData.SELFIE).then().statusCode(200);
    }

    @Test
    void shouldCheckIdsAgainstSumsubsFormsBeforeAnything() {
        problem(given().when().get(SESSIONS + "12345678-1234-4234-8234-123456789abc"), 400, "invalid-request")
                .body("detail", containsString("24 lowercase letters or digits"))
                .body("detail", not(containsString("12345678")));
        problem(given().when().get(SESSIONS + APPROVED + "/media/abc"), 400, "invalid-request")
                .body("detail", containsString("a number"));
        problem(given().when().get(SESSIONS + "000000000000000000000000"), 404, "not-found");
    }

    @Test
    void shouldAcceptAGrantForSumsubIdsAndNoOther() {
        // A grant names Sumsub's ids as they are; one for another applicant does not open this one.
        given().header("Authorization", "Bearer " + Grants.forSession("sumsub", SumsubSandboxData.REJECTED)).when()
                .get(SESSIONS + APPROVED).then().statusCode(403);
        given().header("Authorization", "Bearer " + Grants.forSession("sumsub", APPROVED)).when()
                .get(SESSIONS + APPROVED).then().statusCode(200);
    }

    private static long sandboxVideoSize() {
        return ConfigProvider.getConfig().getValue("idv.sandbox.video-size", Long.class);
    }

    @Test
    void shouldServeAStagedCopyAtTheUrlTheLocalStoreSignedForSumsubsIds() throws Exception {
        // Sumsub's ids are not UUIDs: the local store's URL route must take them as the store signed them
        String url = given().queryParam("delivery", "url").when().get(SESSIONS + APPROVED + "/media/"
                + SumsubSandboxData.SELFIE).then().statusCode(200).extract().path("url");

        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(served.body()).isEqualTo(Sandbox.sumsubGet("/resources/applicants/" + APPROVED + "/resources/"
                + SumsubSandboxData.SELFIE).body());
    }

    private static ValidatableResponse problem(Response response, int status, String type) {
        return response.then().statusCode(status).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:idv-media:problem:" + type)).body("status", equalTo(status));
    }
}
