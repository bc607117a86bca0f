package io.idvmedia.api;

import static io.idvmedia.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The packaged production build, as it would be deployed with no settings: no sandbox routes, a clear 503 for an
 * unconfigured provider, and the health and OpenAPI endpoints.
 */
@QuarkusIntegrationTest
class ProductionBuildIT {

    private static final String SESSION = "11111111-1111-4111-8111-111111111111";

    @Test
    void shouldNotServeTheSandbox() {
        given().when().get("/sandbox/yoti/idverify/v1/sessions/" + SESSION).then().statusCode(404);
    }

    @Test
    void shouldAnswer503NamingTheMissingSettingWhenYotiIsNotConfigured() {
        given().when().get("/v1/yoti/sessions/" + SESSION)
                .then().statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:idv-media:problem:provider-not-configured"))
                .body("detail", containsString("idv.yoti.sdk-id"))
                .body("detail", containsString("IDV_YOTI_SDK_ID"));
    }

    @Test
    void shouldStillValidateInputBeforeAnyProviderSetting() {
        given().when().get("/v1/yoti/sessions/not-a-uuid").then().statusCode(400);
        given().when().get("/v1/onfido/sessions/" + SESSION).then().statusCode(404)
                .body("type", equalTo("urn:idv-media:problem:unknown-provider"));
    }

    @Test
    void shouldServeHealthAndTheOpenApiDocument() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("get-media")).body(containsString("delete-session"));
    }
}
