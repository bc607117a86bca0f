package io.idvmedia.provider.veriff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.idvmedia.testing.Api.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockVeriff;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code idv.veriff.require-response-signature=false}, an unsigned response is accepted. */
@QuarkusTest
@WithTestResource(WireMockVeriff.class)
@TestProfile(VeriffUnsignedResponsesTest.Unsigned.class)
class VeriffUnsignedResponsesTest {

    private static final String SID = "aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7";

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    @Test
    void shouldAcceptAnUnsignedResponseWhenConfiguredTo() {
        wireMock.stubFor(get(urlPathEqualTo(WireMockVeriff.BASE_PATH + "/sessions/" + SID + "/decision"))
                .willReturn(aResponse().withBody("{\"status\":\"success\",\"verification\":null}")));

        given().when().get("/v1/veriff/sessions/" + SID).then().statusCode(200);
    }

    /** Turns the response-signature requirement off. */
    public static class Unsigned implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.veriff.require-response-signature", "false");
        }
    }
}
