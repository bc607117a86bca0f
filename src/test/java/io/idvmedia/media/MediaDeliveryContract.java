package io.idvmedia.media;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Sandbox;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What get-media's URL delivery and the deletes promise, whatever the store: each store's test runs these
 * against the sandboxes and a real store, and says how to see what the store holds.
 */
abstract class MediaDeliveryContract {

    static final String YOTI = "/v1/yoti/sessions/";
    static final String VERIFF = "/v1/veriff/sessions/";
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    YotiSandboxData yoti;

    @Inject
    VeriffSandboxData veriff;

    @Inject
    OnfidoSandboxData onfido;

    @Inject
    MediaStores stores;

    /** Whether the store holds anything, complete or not, for this media item. */
    abstract boolean holdsAnything(String provider, String sessionId, String mediaId);

    @BeforeEach
    void clean() {
        yoti.reset();
        veriff.reset();
        for (String session : List.of(YotiSandboxData.COMPLETED, YotiSandboxData.VIDEO)) {
            stores.store().deleteSession("yoti", session);
        }
        for (String session : List.of(VeriffSandboxData.APPROVED, VeriffSandboxData.DECLINED)) {
            stores.store().deleteSession("veriff", session);
        }
        onfido.reset();
        stores.store().deleteSession("onfido", OnfidoSandboxData.APPROVED);
    }

    static ValidatableResponse url(String path, String... query) {
        RequestSpecification request = given().queryParam("delivery", "url");
        for (int i = 0; i + 1 < query.length; i += 2) {
            request.queryParam(query[i], query[i + 1]);
        }
        return request.when().get(path).then();
    }

    static HttpResponse<byte[]> fetch(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void shouldAnswerAUrlThatServesTheExactBytesWithTheirType() throws Exception {
        byte[] direct = Sandbox.veriffGet("/media/" + VeriffSandboxData.FACE, VeriffSandboxData.FACE).body();
        Instant before = Instant.now();

        ValidatableResponse answer = url(VERIFF + VeriffSandboxData.APPROVED + "/media/" + VeriffSandboxData.FACE)
                .statusCode(200).contentType("application/json").header("Cache-Control", "no-store")
                .body("contentType", equalTo("image/jpeg"))
                .body("contentLength", equalTo(direct.length))
                .body("sha256", equalTo(sha256(direct)));
        String link = answer.extract().path("url");
        Instant expiresAt = Instant.parse(answer.extract().path("expiresAt"));

        assertThat(expiresAt).isBetween(before.plusSeconds(58), Instant.now().plusSeconds(61));
        HttpResponse<byte[]> served = fetch(link);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(served.body()).isEqualTo(direct);
    }

    @Test
    void shouldServeADownloadWithAGeneratedFileName() throws Exception {
        String mediaId = YotiSandboxData.FRONT_PAGE;
        String link = url(YOTI + YotiSandboxData.COMPLETED + "/media/" + mediaId, "download", "true")
                .statusCode(200).extract().path("url");

        HttpResponse<byte[]> served = fetch(link);

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"document_page-" + mediaId + ".jpg\"");
    }

    @Test
    void shouldRedirectToTheUrlWithoutCaching() throws Exception {
        String location = given().redirects().follow(false).queryParam("delivery", "redirect").when()
                .get(YOTI + YotiSandboxData.COMPLETED + "/media/" + YotiSandboxData.BACK_PAGE)
                .then().statusCode(303).header("Cache-Control", "no-store").extract().header("Location");

        HttpResponse<byte[]> served = fetch(location);

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).startsWith(0xFF, 0xD8, 0xFF);
    }

    @Test
    void shouldUseTheAskedLifetimeCappedByConfiguration() {
        String path = YOTI + YotiSandboxData.COMPLETED + "/media/" + YotiSandboxData.FRONT_PAGE;
        Instant now = Instant.now();

        Instant shortLived = Instant.parse(url(path, "ttl", "5").statusCode(200).extract().path("expiresAt"));
        Instant capped = Instant.parse(url(path, "ttl", "100000").statusCode(200).extract().path("expiresAt"));

        assertThat(shortLived).isBetween(now.plusSeconds(3), now.plusSeconds(7));
        assertThat(capped).isBetween(now.plusSeconds(890), now.plusSeconds(902));
        url(path, "ttl", "soon").statusCode(400).body("detail", containsString("ttl"));
        url(path, "ttl", "0").statusCode(400);
    }

    @Test
    void shouldRefuseAnExpiredUrl() throws Exception {
        String link = url(YOTI + YotiSandboxData.COMPLETED + "/media/" + YotiSandboxData.FRONT_PAGE, "ttl", "1")
                .statusCode(200).extract().path("url");

        Thread.sleep(Duration.ofMillis(2_100).toMillis());

        assertThat(fetch(link).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldReuseAFreshStagedCopyWithoutCallingTheProvider() {
        String path = VERIFF + VeriffSandboxData.APPROVED + "/media/" + VeriffSandboxData.DOCUMENT_FRONT;

        String first = url(path).statusCode(200).extract().path("sha256");
        String second = url(path).statusCode(200).extract().path("sha256");

        assertThat(second).isEqualTo(first);
        assertThat(veriff.downloads(VeriffSandboxData.DOCUMENT_FRONT)).isEqualTo(1);
    }

    @Test
    void shouldAnswer204ForAMediaWithoutContent() {
        url(YOTI + YotiSandboxData.COMPLETED + "/media/" + YotiSandboxData.EMPTY_ID_PHOTO).statusCode(204);
    }

    @Test
    void shouldStageNothingWhenASmallMediaFailsItsSignature() {
        url(VERIFF + VeriffSandboxData.DECLINED + "/media/" + VeriffSandboxData.BADLY_SIGNED)
                .statusCode(502).body("type", equalTo("urn:idv-media:problem:provider-bad-response"));

        assertThat(holdsAnything("veriff", VeriffSandboxData.DECLINED, VeriffSandboxData.BADLY_SIGNED)).isFalse();
    }

    @Test
    void shouldStageNothingWhenALargeMediaFailsItsSignatureAtTheEnd() {
        url(VERIFF + VeriffSandboxData.DECLINED + "/media/" + VeriffSandboxData.BADLY_SIGNED_VIDEO)
                .statusCode(502).body("detail", containsString("signature"));

        assertThat(holdsAnything("veriff", VeriffSandboxData.DECLINED, VeriffSandboxData.BADLY_SIGNED_VIDEO))
                .isFalse();
    }

    @Test
    void shouldStageNothingWhenTheProviderBreaksMidway() {
        url(VERIFF + VeriffSandboxData.DECLINED + "/media/" + VeriffSandboxData.BROKEN_VIDEO)
                .statusCode(502).body("detail", containsString("nothing was kept"));

        assertThat(veriff.downloads(VeriffSandboxData.BROKEN_VIDEO)).isEqualTo(2);
        assertThat(holdsAnything("veriff", VeriffSandboxData.DECLINED, VeriffSandboxData.BROKEN_VIDEO)).isFalse();
    }

    @Test
    void shouldRemoveEveryStagedCopyWhenTheSessionIsDeleted() throws Exception {
        String session = YOTI + YotiSandboxData.COMPLETED;
        String front = url(session + "/media/" + YotiSandboxData.FRONT_PAGE).statusCode(200).extract().path("url");
        url(session + "/media/" + YotiSandboxData.BACK_PAGE).statusCode(200);

        given().when().delete(session).then().statusCode(200)
                .body("stagedCopiesRemoved", hasItems(YotiSandboxData.FRONT_PAGE, YotiSandboxData.BACK_PAGE));

        assertThat(holdsAnything("yoti", YotiSandboxData.COMPLETED, YotiSandboxData.FRONT_PAGE)).isFalse();
        assertThat(holdsAnything("yoti", YotiSandboxData.COMPLETED, YotiSandboxData.BACK_PAGE)).isFalse();
        assertThat(fetch(front).statusCode()).isIn(403, 404);
    }

    @Test
    void shouldRemoveTheStagedCopyEvenWhenTheProviderCannotDeleteMedia() {
        String media = VERIFF + VeriffSandboxData.APPROVED + "/media/" + VeriffSandboxData.FACE;
        url(media).statusCode(200);

        given().when().delete(media).then().statusCode(501)
                .body("type", equalTo("urn:idv-media:problem:not-supported-by-provider"))
                .body("stagedCopiesRemoved", equalTo(List.of(VeriffSandboxData.FACE)));

        assertThat(holdsAnything("veriff", VeriffSandboxData.APPROVED, VeriffSandboxData.FACE)).isFalse();
    }

    @Test
    void shouldRemoveOnfidosStagedCopyThoughOnfidoCannotDeleteOneMedia() {
        String media = "/v1/onfido/sessions/" + OnfidoSandboxData.APPROVED + "/media/" + OnfidoSandboxData.LIVE_PHOTO;
        url(media).statusCode(200);
        assertThat(holdsAnything("onfido", OnfidoSandboxData.APPROVED, OnfidoSandboxData.LIVE_PHOTO)).isTrue();

        given().when().delete(media).then().statusCode(501)
                .body("type", equalTo("urn:idv-media:problem:not-supported-by-provider"))
                .body("detail", containsString("delete the whole session"))
                .body("stagedCopiesRemoved", equalTo(List.of(OnfidoSandboxData.LIVE_PHOTO)));

        assertThat(holdsAnything("onfido", OnfidoSandboxData.APPROVED, OnfidoSandboxData.LIVE_PHOTO)).isFalse();
    }
}
