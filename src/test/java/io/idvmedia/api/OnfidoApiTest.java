package io.idvmedia.api;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.idvmedia.error.Problem;
import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API for Onfido against the embedded Onfido sandbox, over real HTTP. */
@QuarkusTest
class OnfidoApiTest {

    private static final String SESSIONS = "/v1/onfido/sessions/";
    private static final String APPROVED = OnfidoSandboxData.APPROVED;

    @Inject
    OnfidoSandboxData sandbox;

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    @Test
    void shouldReturnTheWorkflowRunByteForByte() {
        HttpResponse<byte[]> direct = Sandbox.onfidoGet("/workflow_runs/" + APPROVED);
        assertThat(direct.statusCode()).isEqualTo(200);

        byte[] proxied = given().when().get(SESSIONS + APPROVED).then().statusCode(200)
                .contentType("application/json").extract().asByteArray();

        assertThat(proxied).isEqualTo(direct.body());
    }

    @Test
    void shouldSummarizeTheRunInTheCommonShape() {
        given().queryParam("view", "summary").when().get(SESSIONS + APPROVED).then().statusCode(200)
                .body("provider", equalTo("onfido"))
                .body("state", equalTo("completed"))
                .body("providerState", equalTo("approved"))
                .body("decision", equalTo("approve"))
                .body("checks.type", equalTo(List.of("workflow_run", "document_report", "facial_similarity_report")))
                .body("checks.recommendation", equalTo(List.of("approve", "approve", "approve")))
                .body("media.id", hasItems(OnfidoSandboxData.DOCUMENT_FRONT, OnfidoSandboxData.LIVE_VIDEO));
        given().queryParam("view", "summary").when().get(SESSIONS + OnfidoSandboxData.AWAITING_INPUT)
                .then().statusCode(200).body("state", equalTo("in_progress")).body("decision", equalTo("pending"));
    }

    @Test
    void shouldListTheApplicantsMediaFromEveryCollection() {
        given().when().get(SESSIONS + APPROVED + "/media").then().statusCode(200)
                .body("provider", equalTo("onfido"))
                .body("media.id", equalTo(List.of(OnfidoSandboxData.DOCUMENT_FRONT, OnfidoSandboxData.DOCUMENT_BACK,
                        OnfidoSandboxData.UNKNOWN_TYPE, OnfidoSandboxData.LIVE_PHOTO, OnfidoSandboxData.LIVE_VIDEO,
                        OnfidoSandboxData.MOTION_CAPTURE, OnfidoSandboxData.ID_PHOTO)))
                .body("media.kind", equalTo(List.of("document_page", "document_page", "document_page", "face_image",
                        "selfie_video", "motion_capture", "document_id_photo")))
                .body("media.providerType", equalTo(List.of("documents/driving_licence/front",
                        "documents/driving_licence/back", "documents/unknown/front", "live_photos", "live_videos",
                        "motion_captures", "id_photos")))
                .body("media[0].mimeType", equalTo("image/jpeg"))
                .body("media[2].mimeType", equalTo(null))
                .body("media[4].size", equalTo((int) sandboxVideoSize()))
                .body("media[5].source", equalTo("/motion_captures/0"));
    }

    @Test
    void shouldStreamEachKindByteExact() throws Exception {
        for (String[] media : new String[][] {{"documents", OnfidoSandboxData.DOCUMENT_BACK},
                {"live_photos", OnfidoSandboxData.LIVE_PHOTO}, {"id_photos", OnfidoSandboxData.ID_PHOTO}}) {
            byte[] direct = Sandbox.onfidoGet("/" + media[0] + "/" + media[1] + "/download").body();
            Response response = given().when().get(SESSIONS + APPROVED + "/media/" + media[1]);
            response.then().statusCode(200).contentType("image/jpeg")
                    .header("Content-Length", String.valueOf(direct.length));
            assertThat(response.asByteArray()).as(media[0]).isEqualTo(direct);
        }
        byte[] motion = given().when().get(SESSIONS + APPROVED + "/media/" + OnfidoSandboxData.MOTION_CAPTURE)
                .then().statusCode(200).contentType("video/mp4").extract().asByteArray();
        assertThat(Sandbox.firstDifference(new ByteArrayInputStream(motion),
                GeneratedMedia.mp4(OnfidoSandboxData.MOTION_CAPTURE_SIZE, 5))).isEqualTo(-1);
    }

    @Test
    void shouldServeAnUnknownTypeAsAnAttachmentNeverInline() {
        given().when().get(SESSIONS + APPROVED + "/media/" + OnfidoSandboxData.UNKNOWN_TYPE).then().statusCode(200)
                .header("Content-Disposition", containsString("attachment"))
                .contentType("application/octet-stream");
    }

    @Test
    void shouldAnswer404ForAMediaOfAnotherRunsApplicantWithoutDownloadingIt() {
        // GIVEN a media item of the approved run's applicant
        String media = OnfidoSandboxData.DOCUMENT_FRONT;

        // WHEN it is asked for under the run of another applicant
        problem(given().when().get(SESSIONS + OnfidoSandboxData.AWAITING_INPUT + "/media/" + media), 404,
                "not-found").body("detail", containsString("of session " + OnfidoSandboxData.AWAITING_INPUT));

        // THEN it was never fetched from the provider
        assertThat(sandbox.downloads(media)).isZero();
    }

    @Test
    void shouldDeleteTheRunsApplicantThenAnswer404() {
        given().when().delete(SESSIONS + APPROVED).then().statusCode(200).body("providerStatus", equalTo(204));

        problem(given().when().get(SESSIONS + APPROVED), 404, "not-found");
        problem(given().when().get(SESSIONS + APPROVED + "/media/" + OnfidoSandboxData.LIVE_PHOTO), 404,
                "not-found");
        given().when().get(SESSIONS + OnfidoSandboxData.AWAITING_INPUT).then().statusCode(200);
    }

    @Test
    void shouldRefuseToDeleteARunWhoseApplicantHasOtherRunsUnlessTheApplicantsScopeIsAsked() {
        // GIVEN an applicant with two runs: deleting either run deletes the applicant, so both
        String run = SESSIONS + OnfidoSandboxData.SHARED_RUN;

        // WHEN one run is deleted without a scope, or with the session's
        // THEN it is refused before anything is deleted, with the other runs' count and never their ids
        for (String scope : new String[] {null, "session"}) {
            ValidatableResponse refused = problem(scope == null ? given().when().delete(run)
                    : given().queryParam("scope", scope).when().delete(run), 409, "conflict")
                    .body("detail", containsString("1 other workflow run"))
                    .body("detail", containsString("scope=applicant"));
            assertThat(refused.extract().asString()).doesNotContain(OnfidoSandboxData.SHARED_OTHER_RUN)
                    .doesNotContain(OnfidoSandboxData.SHARED_APPLICANT);
        }
        given().when().get(run).then().statusCode(200);
        given().when().get(SESSIONS + OnfidoSandboxData.SHARED_OTHER_RUN).then().statusCode(200);

        // AND an unknown scope is a 400
        problem(given().queryParam("scope", "everything").when().delete(run), 400, "invalid-request");

        // AND with scope=applicant the applicant goes, with both runs
        given().queryParam("scope", "applicant").when().delete(run).then().statusCode(200)
                .body("providerStatus", equalTo(204));
        problem(given().when().get(run), 404, "not-found");
        problem(given().when().get(SESSIONS + OnfidoSandboxData.SHARED_OTHER_RUN), 404, "not-found");
    }

    @Test
    void shouldRefuseDeleteMediaClearlyBecauseOnfidoHasNoSuchOperation() {
        problem(given().when().delete(SESSIONS + APPROVED + "/media/" + OnfidoSandboxData.LIVE_PHOTO), 501,
                "not-supported-by-provider").body("detail", containsString("delete the whole session"));
        given().when().get(SESSIONS + APPROVED + "/media/" + OnfidoSandboxData.LIVE_PHOTO).then().statusCode(200);
    }

    @Test
    void shouldAnswer404ForAnUnknownRun() {
        problem(given().when().get(SESSIONS + "12345678-1234-4234-8234-123456789abc"), 404, "not-found");
    }

    private static long sandboxVideoSize() {
        return ConfigProvider.getConfig()
                .getValue("idv.sandbox.video-size", Long.class);
    }

    private static ValidatableResponse problem(Response response, int status, String type) {
        return response.then().statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:idv-media:problem:" + type))
                .body("status", equalTo(status));
    }
}
