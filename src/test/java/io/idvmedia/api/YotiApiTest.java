package io.idvmedia.api;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.idvmedia.error.Problem;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API for Yoti against the embedded sandbox, over real HTTP. */
@QuarkusTest
class YotiApiTest {

    private static final String SESSIONS = "/v1/yoti/sessions/";
    private static final String COMPLETED = YotiSandboxData.COMPLETED;

    @Inject
    YotiSandboxData sandbox;

    private LogCapture logs;

    @BeforeEach
    void setUp() {
        sandbox.reset();
        logs = LogCapture.of("");
    }

    @AfterEach
    void tearDown() {
        logs.close();
    }

    @Test
    void shouldReturnTheProviderSessionJsonByteForByte() {
        byte[] direct = Sandbox.yotiGet("/sessions/" + COMPLETED).body();

        byte[] proxied = given().when().get(SESSIONS + COMPLETED)
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .header(RequestLog.HEADER, notNullValue())
                .extract().asByteArray();

        assertThat(proxied).isEqualTo(direct);
        assertThat(new String(proxied, StandardCharsets.UTF_8)).contains("\"ID_DOCUMENT_FACE_MATCH\"");
    }

    @Test
    void shouldKeepUnknownTypesAndFieldsOfTheProvider() {
        given().when().get(SESSIONS + YotiSandboxData.UNKNOWN_TYPES)
                .then().statusCode(200)
                .body("checks[0].type", equalTo("SYNTHETIC_IDENTITY_SCREENING"))
                .body("resources.voice_capture[0].sample.media.id", equalTo(YotiSandboxData.UNKNOWN_CONTAINER_MEDIA))
                .body("biometric_consent", equalTo("2026-11-01T10:14:00Z"));
    }

    @Test
    void shouldStreamAnImageWithTheProviderTypeAndLength() {
        byte[] direct = Sandbox.yotiGet("/sessions/" + COMPLETED + "/media/" + YotiSandboxData.FRONT_PAGE + "/content")
                .body();

        Response response = given().when().get(SESSIONS + COMPLETED + "/media/" + YotiSandboxData.FRONT_PAGE);

        response.then().statusCode(200)
                .contentType("image/jpeg")
                .header("Content-Length", String.valueOf(direct.length))
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
        assertThat(response.asByteArray()).isEqualTo(direct);
        assertThat(direct).startsWith(0xFF, 0xD8, 0xFF);
    }

    @Test
    void shouldStreamJsonAndBinaryMediaAndOfferADownloadName() {
        given().queryParam("delivery", "stream").queryParam("download", "true")
                .when().get(SESSIONS + COMPLETED + "/media/" + YotiSandboxData.FACEMAP)
                .then().statusCode(200)
                .contentType("application/octet-stream")
                .header("Content-Length", "2048")
                .header("Content-Disposition",
                        equalTo("attachment; filename=\"face_map-" + YotiSandboxData.FACEMAP + ".bin\""));
        given().when().get(SESSIONS + COMPLETED + "/media/" + YotiSandboxData.DOCUMENT_FIELDS)
                .then().statusCode(200).contentType("application/json")
                .body("document_type", equalTo("DRIVING_LICENCE"));
    }

    @Test
    void shouldListEveryMediaItemOfTheSessionWithWhereItWasFound() {
        given().when().get(SESSIONS + COMPLETED + "/media").then().statusCode(200)
                .body("provider", equalTo("yoti"))
                .body("sessionId", equalTo(COMPLETED))
                .body("media.size()", equalTo(9))
                .body("media.find { it.id == '" + YotiSandboxData.FACEMAP + "' }.kind", equalTo("face_map"))
                .body("media.find { it.id == '" + YotiSandboxData.DOCUMENT_FIELDS + "' }.mimeType",
                        equalTo("application/json"))
                .body("media.find { it.id == '" + YotiSandboxData.FRONT_PAGE + "' }.source",
                        equalTo("/resources/id_documents/0/pages/0/media"));
        given().when().get(SESSIONS + YotiSandboxData.UNKNOWN_TYPES + "/media").then().statusCode(200)
                .body("media.id", equalTo(List.of(YotiSandboxData.UNKNOWN_FRAME,
                        YotiSandboxData.UNKNOWN_CONTAINER_MEDIA)));
    }

    @Test
    void shouldSummarizeTheSession() {
        given().queryParam("view", "summary").when().get(SESSIONS + COMPLETED).then().statusCode(200)
                .contentType("application/json")
                .body("provider", equalTo("yoti"))
                .body("state", equalTo("completed"))
                .body("decision", equalTo("reject"))
                .body("checks.type", equalTo(List.of("ID_DOCUMENT_AUTHENTICITY", "LIVENESS",
                        "ID_DOCUMENT_FACE_MATCH")))
                .body("checks[2].reason", equalTo("FACE_NOT_GENUINE"))
                .body("media.size()", equalTo(9));
    }

    @Test
    void shouldPassAProviderNoContentThroughAs204() {
        given().when().get(SESSIONS + COMPLETED + "/media/" + YotiSandboxData.EMPTY_ID_PHOTO)
                .then().statusCode(204).header("Cache-Control", "no-store");
    }

    @Test
    void shouldDeleteACompletedSessionThenAnswer404ForIt() {
        given().when().delete(SESSIONS + COMPLETED).then().statusCode(200)
                .body("provider", equalTo("yoti")).body("sessionId", equalTo(COMPLETED))
                .body("providerStatus", equalTo(204)).body("stagedCopiesRemoved", notNullValue());

        problem(given().when().get(SESSIONS + COMPLETED), 404, "not-found")
                .body("detail", containsString("Session " + COMPLETED + " not found at yoti"));
    }

    @Test
    void shouldAnswer409WhenDeletingASessionStillInProgress() {
        problem(given().when().delete(SESSIONS + YotiSandboxData.ONGOING), 409, "conflict")
                .body("detail", containsString("SESSION_NOT_COMPLETED"))
                .body("stagedCopiesRemoved", notNullValue());
        given().when().get(SESSIONS + YotiSandboxData.ONGOING).then().statusCode(200);
    }

    @Test
    void shouldDeleteOneMediaItem() {
        String path = SESSIONS + COMPLETED + "/media/" + YotiSandboxData.BACK_PAGE;
        given().when().delete(path).then().statusCode(200).body("mediaId", equalTo(YotiSandboxData.BACK_PAGE));

        problem(given().when().get(path), 404, "not-found");
        given().when().get(SESSIONS + COMPLETED + "/media/" + YotiSandboxData.FRONT_PAGE).then().statusCode(200);
    }

    @Test
    void shouldAnswer404ProblemForAnUnknownProviderBeforeCallingAny() {
        problem(given().when().get("/v1/acme/sessions/" + COMPLETED), 404, "unknown-provider")
                .body("detail", containsString("known providers: onfido, sumsub, veriff, yoti"))
                .body("detail", not(containsString("acme")));
    }

    @Test
    void shouldAnswer400ProblemForMalformedIdsAndParameters() {
        problem(given().when().get(SESSIONS + "not-a-uuid"), 400, "invalid-request")
                .body("detail", equalTo("sessionId must be a UUID (8-4-4-4-12 hexadecimal digits)"));
        problem(given().when().get(SESSIONS + COMPLETED + "/media/123"), 400, "invalid-request")
                .body("detail", containsString("mediaId"));
        problem(given().queryParam("delivery", "fax").when().get(SESSIONS + COMPLETED + "/media/"
                + YotiSandboxData.FRONT_PAGE), 400, "invalid-request").body("detail", containsString("delivery"));
        problem(given().queryParam("download", "yes").when().get(SESSIONS + COMPLETED + "/media/"
                + YotiSandboxData.FRONT_PAGE), 400, "invalid-request");
        problem(given().queryParam("view", "everything").when().get(SESSIONS + COMPLETED), 400, "invalid-request");
    }

    @Test
    void shouldAnswer404ProblemForAnUnknownSession() {
        problem(given().when().get(SESSIONS + "99999999-9999-4999-8999-999999999999"), 404, "not-found");
    }

    @Test
    void shouldEchoASafeCallerRequestIdAndReplaceAnUnsafeOne() {
        given().header(RequestLog.HEADER, "caller-id-123456").when().get(SESSIONS + COMPLETED)
                .then().header(RequestLog.HEADER, "caller-id-123456");
        given().header(RequestLog.HEADER, "bad id\u0001").when().get(SESSIONS + "x")
                .then().header(RequestLog.HEADER, matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void shouldGiveEveryResponseARequestIdIncludingHealthAndUnknownRoutes() {
        given().when().get("/q/health/live").then().statusCode(200).header(RequestLog.HEADER, notNullValue());
        given().when().get("/v2/nothing/here").then().statusCode(404).header(RequestLog.HEADER, notNullValue());
    }

    @Test
    void shouldLogOneAccessLineWithoutIdsSecretsOrPersonalData() throws Exception {
        // GIVEN a request for a session and one for its personal-data JSON
        given().header(RequestLog.HEADER, "trace-0001-aaaa").when().get(SESSIONS + COMPLETED).then().statusCode(200);
        given().when().get(SESSIONS + COMPLETED + "/media/" + YotiSandboxData.DOCUMENT_FIELDS).then().statusCode(200);
        String pem = Files.readString(Path.of("target/sandbox/yoti-demo-key.pem"));
        String keyLine = pem.lines().skip(1).findFirst().orElseThrow();

        // THEN the access line names the request id, operation, statuses and duration
        logs.await("requestId=trace-0001-aaaa", "method=GET", "operation=get-session", "status=200",
                "providerStatus=200", "durationMs=", "outcome=completed");
        logs.await("operation=get-media", "status=200", "outcome=completed");
        List<String> lines = logs.lines();
        // AND no line carries the key, the SDK id, a session id or a document's data
        assertThat(lines).noneSatisfy(line -> assertThat(line)
                .containsAnyOf(keyLine, "sandbox-sdk-id", COMPLETED, "SANDBOX DEMO", "DEMO900101SD9AB"));
    }

    private static ValidatableResponse problem(Response response, int status, String type) {
        return response.then().statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:idv-media:problem:" + type))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("requestId", equalTo(response.header(RequestLog.HEADER)));
    }
}
