package io.idvmedia.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.idvmedia.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockYoti;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A provider that labels media with a type a browser would run (HTML, SVG, XML) must not get it rendered on this
 * API's origin: streamed or staged, it is served as bytes, as an attachment, in a sandbox.
 */
@QuarkusTest
@WithTestResource(WireMockYoti.class)
class ActiveContentTest {

    private static final String SID = "5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c";
    private static final String MID = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String MEDIA = "/v1/yoti/sessions/" + SID + "/media/" + MID;

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html; charset=utf-8", "image/svg+xml", "application/xml", "application/xhtml+xml"})
    void shouldServeActiveTypesAsAttachmentsInASandbox(String type) {
        wireMock.stubFor(get(urlPathEqualTo(WireMockYoti.BASE_PATH + "/sessions/" + SID + "/media/" + MID
                + "/content")).willReturn(aResponse().withHeader("Content-Type", type)
                .withBody("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\"/>")));

        given().queryParam("delivery", "stream").when().get(MEDIA).then().statusCode(200)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Disposition", "attachment")
                .header("Content-Security-Policy", containsString("sandbox"))
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");

        String url = given().queryParam("delivery", "url").when().get(MEDIA).then().statusCode(200)
                .body("contentType", equalTo("application/octet-stream")).extract().path("url");
        given().when().get(url).then().statusCode(200)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Disposition", "attachment")
                .header("Content-Security-Policy", containsString("sandbox"));
    }
}
