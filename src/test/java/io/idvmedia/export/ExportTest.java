package io.idvmedia.export;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.access.AuditLog;
import io.idvmedia.media.ServedType;
import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.SumsubSandboxData;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Api;
import io.idvmedia.testing.Exports;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.RawHttp;
import io.idvmedia.testing.Sandbox;
import io.idvmedia.testing.StoredCopies;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** export-session over HTTP against every provider's sandbox, with the local store. */
@QuarkusTest
class ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "idv.media.local.dir")
    Path stagedDir;

    @Inject
    YotiSandboxData yoti;

    @Inject
    VeriffSandboxData veriff;

    @BeforeEach
    void reset() {
        yoti.reset();
        veriff.reset();
        StoredCopies.clearLocal(stagedDir, "yoti", YotiSandboxData.COMPLETED);
        StoredCopies.clearLocal(stagedDir, "veriff", VeriffSandboxData.DECLINED);
    }

    static Stream<Arguments> sessions() {
        return Stream.of(
                Arguments.of("yoti", YotiSandboxData.COMPLETED),
                Arguments.of("veriff", VeriffSandboxData.APPROVED),
                Arguments.of("onfido", OnfidoSandboxData.APPROVED),
                Arguments.of("sumsub", SumsubSandboxData.APPROVED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void shouldStreamTheWholeSessionAsAZipThatAgreesWithTheOtherOperations(String provider, String sessionId)
            throws Exception {
        // WHEN the session is exported as a stream
        Path zip = Exports.tempFile();
        HttpResponse<Path> response = Exports.download(provider, sessionId, "", zip);

        // THEN it is a ZIP named for the session, served as an attachment and never cached
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"" + provider + "-" + sessionId + ".zip\"");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        // AND java.util.zip and unzip -t read it whole, every file's SHA-256 as its manifest says
        Exports.Checked checked = Exports.check(zip);
        JsonNode manifest = checked.manifest();
        assertThat(manifest.get("provider").asText()).isEqualTo(provider);
        assertThat(manifest.get("sessionId").asText()).isEqualTo(sessionId);
        assertThat(manifest.get("exportedBy").asText()).isEqualTo("test-user-1");
        assertThat(manifest.get("exportedAt").asText()).isNotBlank();
        assertThat(checked.names().subList(0, 2)).containsExactly("session.json", "summary.json");

        // AND session.json is get-session byte for byte, summary.json its summary
        byte[] session = given().when().get("/v1/" + provider + "/sessions/" + sessionId).then().statusCode(200)
                .extract().asByteArray();
        assertThat(Exports.read(zip, "session.json")).isEqualTo(session);
        JsonNode summary = JSON.readTree(given().queryParam("view", "summary").when()
                .get("/v1/" + provider + "/sessions/" + sessionId).then().statusCode(200).extract().asByteArray());
        assertThat(JSON.readTree(Exports.read(zip, "summary.json"))).isEqualTo(summary);

        // AND every media item list-media lists is in it, or said to have no content; each file is what get-media
        // serves, byte for byte
        List<String> listed = given().when().get("/v1/" + provider + "/sessions/" + sessionId + "/media").then()
                .statusCode(200).extract().jsonPath().getList("media.id");
        Map<String, JsonNode> media = checked.media();
        List<String> accounted = new ArrayList<>(media.keySet());
        manifest.path("omitted").forEach(o -> accounted.add(o.get("mediaId").asText()));
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(media).isNotEmpty();
        for (Map.Entry<String, JsonNode> item : media.entrySet()) {
            HttpResponse<InputStream> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    Sandbox.baseUrl() + "/v1/" + provider + "/sessions/" + sessionId + "/media/" + item.getKey()))
                    .header("Authorization", "Bearer " + Grants.forSession(provider, sessionId)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(served.statusCode()).isEqualTo(200);
            try (InputStream body = served.body()) {
                assertThat(Sandbox.sha256(body).sha256()).as("media %s", item.getKey())
                        .isEqualTo(item.getValue().get("sha256").asText());
            }
            String path = item.getValue().get("path").asText();
            assertThat(path).startsWith("media/" + item.getValue().get("kind").asText() + "-" + item.getKey() + ".");
            // The provider's own type, which get-media serves as it is unless a browser would run it
            assertThat(ServedType.of(item.getValue().get("contentType").asText()).contentType())
                    .isEqualTo(served.headers().firstValue("Content-Type").orElseThrow());
        }
        Files.delete(zip);
    }

    @Test
    void shouldStageTheExportAndServeItByAShortLivedUrlWithoutAskingTheProviderAgain() throws Exception {
        String sessionId = YotiSandboxData.COMPLETED;
        String route = "/v1/yoti/sessions/" + sessionId + "/export";

        // WHEN the export is asked for as a URL, twice
        Map<String, Object> first = given().queryParam("delivery", "url").queryParam("ttl", "120").when().get(route)
                .then().statusCode(200).header("Cache-Control", "no-store").extract().jsonPath().getMap("");
        int downloads = yoti.reads(YotiSandboxData.FRONT_PAGE);
        Map<String, Object> second = given().queryParam("delivery", "url").when().get(route).then().statusCode(200)
                .extract().jsonPath().getMap("");

        // THEN the second is the same staged export, and the provider was not asked again
        assertThat(downloads).isEqualTo(1);
        assertThat(yoti.reads(YotiSandboxData.FRONT_PAGE)).isEqualTo(1);
        assertThat(second.get("sha256")).isEqualTo(first.get("sha256"));
        assertThat(first.get("contentType")).isEqualTo("application/zip");
        // AND the URL serves a complete ZIP whose digest is the one announced
        Path zip = Exports.tempFile();
        HttpResponse<Path> fetched = Exports.fetch((String) first.get("url"), zip);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"yoti-" + sessionId + ".zip\"");
        try (InputStream in = Files.newInputStream(zip)) {
            assertThat(Sandbox.sha256(in).sha256()).isEqualTo(first.get("sha256"));
        }
        Exports.check(zip);

        // AND delivery=redirect points at a staged export too
        given().queryParam("delivery", "redirect").redirects().follow(false).when().get(route).then()
                .statusCode(303).header("Location", containsString("/v1/staged/yoti/" + sessionId + "/export.zip"));

        // WHEN one of its media items is deleted, THEN the export goes with it: it held that media too
        given().when().delete("/v1/yoti/sessions/" + sessionId + "/media/" + YotiSandboxData.BACK_PAGE).then()
                .statusCode(200).body("stagedCopiesRemoved", hasItem("export.zip"));
        assertThat(StoredCopies.local(stagedDir, "yoti", sessionId, "export.zip")).isFalse();
        assertThat(Exports.fetch((String) first.get("url"), zip).statusCode()).isEqualTo(404);
        // AND a new export says the provider no longer has it
        Exports.download("yoti", sessionId, "", zip);
        JsonNode manifest = Exports.check(zip).manifest();
        assertThat(manifest.path("omitted").toString()).contains(YotiSandboxData.BACK_PAGE).contains("not-found");
    }

    @Test
    void shouldRefuseWithoutAGrantForTheExportBeforeAskingTheProvider() {
        String route = "/v1/yoti/sessions/" + YotiSandboxData.COMPLETED + "/export";
        Api.anonymous().when().get(route).then().statusCode(401)
                .contentType("application/problem+json");
        String withoutExport = Grants.builder().provider("yoti").sessions(YotiSandboxData.COMPLETED)
                .operations("get-session", "get-media").sign();
        Api.anonymous().header("Authorization", "Bearer " + withoutExport).when().get(route)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("export-session"));
        given().queryParam("delivery", "<script>").when().get(route).then().statusCode(400)
                .body("detail", not(containsString("<script>")));
        given().when().get("/v1/yoti/sessions/not-a-session/export").then().statusCode(400);

        assertThat(yoti.reads(YotiSandboxData.COMPLETED)).isZero();
    }

    @Test
    void shouldListTheExportedMediaIdsInTheAuditLine() throws Exception {
        try (LogCapture audit = LogCapture.of(AuditLog.CATEGORY)) {
            Exports.download("yoti", YotiSandboxData.COMPLETED, "", Exports.tempFile());

            String line = audit.await("\"operation\":\"export-session\"", YotiSandboxData.COMPLETED);
            JsonNode entry = JSON.readTree(line);
            List<String> ids = new ArrayList<>();
            entry.get("mediaIds").forEach(id -> ids.add(id.asText()));
            assertThat(ids).contains(YotiSandboxData.FRONT_PAGE, YotiSandboxData.BACK_PAGE);
            assertThat(entry.get("outcome").asText()).isEqualTo("completed");
        }
    }

    @Test
    void shouldCutTheStreamOffAndStageNothingWhenAMediaSignatureFails() {
        // GIVEN a Veriff session with a media item whose response signature is wrong
        String path = "/v1/veriff/sessions/" + VeriffSandboxData.DECLINED + "/export";

        // WHEN it is exported as a stream, THEN the answer began but can never be read as complete
        for (int i = 0; i < 5; i++) {
            RawHttp.Exchange exchange = RawHttp.get(Sandbox.port(), path);
            assertThat(exchange.status()).isEqualTo(200);
            assertThat(exchange.complete()).as("run %d: body ended as its framing declares", i).isFalse();
            assertThat(exchange.tailText()).doesNotContain("problem");
        }

        // WHEN it is exported into the store, THEN it fails as a problem and nothing is staged
        given().queryParam("delivery", "url").when().get(path).then().statusCode(502)
                .contentType("application/problem+json").body("detail", containsString("nothing was kept"));
        assertThat(StoredCopies.local(stagedDir, "veriff", VeriffSandboxData.DECLINED, "export.zip")).isFalse();
    }
}
