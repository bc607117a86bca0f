package io.idvmedia.api;

import static io.idvmedia.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.idvmedia.error.Problem;
import io.idvmedia.testing.PublicUrlResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The packaged production build, as it would be deployed with no settings: no sandbox routes, every session route
 * failing closed (503) until grants can be checked, health and OpenAPI open.
 */
@QuarkusIntegrationTest
@WithTestResource(PublicUrlResource.class)
class ProductionBuildIT {

    private static final String SESSION = "11111111-1111-4111-8111-111111111111";

    @Test
    void shouldNotServeTheSandbox() {
        given().when().get("/sandbox/yoti/idverify/v1/sessions/" + SESSION).then().statusCode(404);
    }

    @Test
    void shouldRefuseEverySessionRouteUntilGrantsCanBeChecked() {
        for (String path : new String[] {"/v1/yoti/sessions/" + SESSION, "/v1/yoti/sessions/" + SESSION + "/media",
            "/v1/veriff/sessions/" + SESSION, "/v1/yoti/sessions/not-a-uuid", "/v1/onfido/sessions/" + SESSION}) {
            given().when().get(path)
                    .then().statusCode(503)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo("urn:idv-media:problem:access-not-configured"))
                    .body("detail", containsString("idv.access.issuer"));
        }
        given().when().delete("/v1/yoti/sessions/" + SESSION).then().statusCode(503);
    }

    @Test
    void shouldRefuseHostsOtherThanThePublicUrls() {
        given().header("Host", "evil.example").when().get("/v1/yoti/sessions/" + SESSION).then().statusCode(400);
        // The public URL's host on another port (another service of that host, or a rebound name) is refused too.
        given().header("Host", "localhost:9").when().get("/v1/yoti/sessions/" + SESSION).then().statusCode(400);
        given().header("Host", "localhost").when().get("/v1/yoti/sessions/" + SESSION).then().statusCode(400);
        given().header("Host", "LOCALHOST:8081").when().get("/v1/yoti/sessions/" + SESSION).then().statusCode(503);
    }

    @Test
    void shouldServeHealthAndTheOpenApiDocument() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("get-media")).body(containsString("delete-session"));
    }
}
