package io.idvmedia.access;

import static io.idvmedia.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockYoti;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grants required but no key configured: every session route fails closed with 503, before any provider call. */
@QuarkusTest
@TestProfile(AccessWithoutKeysTest.NoKeys.class)
@WithTestResource(WireMockYoti.class)
class AccessWithoutKeysTest {

    private static final String SESSION = "/v1/yoti/sessions/" + AccessTest.SID;

    /** Grants required, no key configured. */
    public static class NoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.access.jwks", "", "idv.access.mode", "grant");
        }
    }

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    @Test
    void shouldFailClosedWith503OnEveryRouteEvenWithAGrant() {
        wireMock.resetAll();
        String media = SESSION + "/media/" + AccessTest.MID;
        String[][] routes = {{"GET", SESSION}, {"GET", SESSION + "/media"}, {"GET", media}, {"DELETE", SESSION},
            {"DELETE", media}};
        for (String[] route : routes) {
            anonymous().header("Authorization", "Bearer " + Grants.forSession("yoti", AccessTest.SID))
                    .request(route[0], route[1]).then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("urn:idv-media:problem:access-not-configured"))
                    .body("detail", containsString("idv.access.jwks"));
            anonymous().request(route[0], route[1]).then().statusCode(503);
        }
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }
}
