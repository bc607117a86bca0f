package io.idvmedia.api;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.idvmedia.error.Problem;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API for Veriff against the embedded Veriff sandbox, over real HTTP. */
@QuarkusTest
class VeriffApiTest {

    private static final String SESSIONS = "/v1/veriff/sessions/";
    private static final String APPROVED = VeriffSandboxData.APPROVED;

    @Inject
    VeriffSandboxData sandbox;

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    @Test
    void shouldReturnTheDecisionByteForByte() {
        HttpResponse<byte[]> direct = Sandbox.veriffGet("/sessions/" + APPROVED + "/decision", APPROVED);
        assertThat(direct.statusCode()).isEqualTo(200);

        byte[] proxied = given().when().get(SESSIONS + APPROVED).then().statusCode(200)
                .contentType("application/json").extract().asByteArray();

        assertThat(proxied).isEqualTo(direct.body());
    }

    @Test
    void shouldSummarizeInTheSameShapeAsYoti() {
        given().queryParam("view", "summary").when().get(SESSIONS + VeriffSandboxData.DECLINED)
                .then().statusCode(200)
                .body("provider", equalTo("veriff"))
                .body("state", equalTo("completed"))
                .body("decision", equalTo("reject"))
                .body("checks[0].type", equalTo("verification"))
                .body("checks[0].recommendation", equalTo("reject"))
                .body("checks[0].reason", equalTo("102: Suspected document tampering"))
                .body("media.id", hasItems(VeriffSandboxData.DECLINED_DOCUMENT_FRONT, VeriffSandboxData.BADLY_SIGNED));
        given().queryParam("view", "summary").when().get(SESSIONS + VeriffSandboxData.IN_PROGRESS)
                .then().statusCode(200).body("decision", equalTo("pending")).body("state", equalTo("in_progress"));
    }

    @Test
    void shouldListEveryMediaItemWithKindTypeAndSize() {
        given().when().get(SESSIONS + APPROVED + "/media").then().statusCode(200)
                .body("provider", equalTo("veriff"))
                .body("sessionId", equalTo(APPROVED))
                .body("media.id", equalTo(List.of(VeriffSandboxData.SELFIE_VIDEO,
                        VeriffSandboxData.DOCUMENT_FRONT, VeriffSandboxData.DOCUMENT_BACK, VeriffSandboxData.FACE,
                        VeriffSandboxData.NFC)))
                .body("media.kind", equalTo(List.of("selfie_video", "document_page", "document_page",
                        "face_image", "nfc")))
                .body("media[0].mimeType", equalTo("video/webm"))
                .body("media[0].source", equalTo("/videos/0"))
                .body("media[4].providerType", equalTo("nfc"));
    }

    @Test
    void shouldStreamAnImageWhoseSignatureIsVerified() {
        byte[] direct = Sandbox.veriffGet("/media/" + VeriffSandboxData.FACE, VeriffSandboxData.FACE).body();

        Response response = given().when().get(SESSIONS + APPROVED + "/media/" + VeriffSandboxData.FACE);

        response.then().statusCode(200).contentType("image/jpeg")
                .header("Content-Length", String.valueOf(direct.length)).header("Cache-Control", "no-store");
        assertThat(response.asByteArray()).isEqualTo(direct);
    }

    @Test
    void shouldAnswer404ForAMediaOfAnotherSessionWithoutDownloadingIt() {
        // GIVEN a media item that belongs to the approved session
        String media = VeriffSandboxData.DOCUMENT_FRONT;

        // WHEN it is asked for under the declined session
        problem(given().when().get(SESSIONS + VeriffSandboxData.DECLINED + "/media/" + media), 404, "not-found")
                .body("detail", containsString("of session " + VeriffSandboxData.DECLINED));

        // THEN it was never fetched from the provider
        assertThat(sandbox.downloads(media)).isZero();
    }

    @Test
    void shouldAnswer502WhenASmallMediaFailsItsSignatureAndDeliverNothing() {
        problem(given().when().get(SESSIONS + VeriffSandboxData.DECLINED + "/media/" + VeriffSandboxData.BADLY_SIGNED),
                502, "provider-bad-response").body("detail", containsString("signature"));
        assertThat(sandbox.downloads(VeriffSandboxData.BADLY_SIGNED)).isEqualTo(1);
    }

    @Test
    void shouldAnswer409ForDeletingASessionInProgress() {
        problem(given().when().delete(SESSIONS + VeriffSandboxData.IN_PROGRESS), 409, "conflict")
                .body("detail", containsString("1306"));
    }

    @Test
    void shouldDeleteASessionThenAnswer404() {
        given().when().delete(SESSIONS + APPROVED).then().statusCode(200).body("providerStatus", equalTo(200));

        problem(given().when().get(SESSIONS + APPROVED), 404, "not-found");
        problem(given().when().get(SESSIONS + APPROVED + "/media/" + VeriffSandboxData.FACE), 404, "not-found");
    }

    @Test
    void shouldRefuseDeleteMediaClearlyBecauseVeriffHasNoSuchOperation() {
        problem(given().when().delete(SESSIONS + APPROVED + "/media/" + VeriffSandboxData.FACE), 501,
                "not-supported-by-provider").body("detail", containsString("delete the whole session"));
        given().when().get(SESSIONS + APPROVED + "/media/" + VeriffSandboxData.FACE).then().statusCode(200);
    }

    @Test
    void shouldAnswer404ForAnUnknownSession() {
        problem(given().when().get(SESSIONS + "99999999-9999-4999-8999-999999999999"), 404, "not-found")
                .body("requestId", notNullValue())
                .body("stack", nullValue());
    }

    private static ValidatableResponse problem(Response response, int status, String type) {
        return response.then().statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:idv-media:problem:" + type))
                .body("status", equalTo(status));
    }
}
