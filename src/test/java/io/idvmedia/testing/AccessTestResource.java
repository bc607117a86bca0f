package io.idvmedia.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.HashMap;
import java.util.Map;

/**
 * WireMock as both providers and as the grant issuer's JWKS endpoint, and a JWK Set secret of test keys (see
 * {@link AccessKeys}): the access tests count provider calls on WireMock's request log, and sign grants with every
 * kind of key.
 */
public class AccessTestResource extends WireMockProvider {

    public static final String JWKS_PATH = "/issuer/jwks.json";

    @Override
    protected Map<String, String> providerConfig(String serverUrl) {
        AccessKeys.writeSecretJwks(false);
        Map<String, String> config = new HashMap<>();
        config.put("idv.yoti.base-url", serverUrl + WireMockYoti.BASE_PATH);
        config.put("idv.yoti.sdk-id", "test-sdk-id");
        config.put("idv.yoti.private-key", "file:src/test/resources/keys/test-key-pkcs1.pem");
        config.put("idv.veriff.base-url", serverUrl + WireMockVeriff.BASE_PATH);
        config.put("idv.veriff.api-key", WireMockVeriff.API_KEY);
        config.put("idv.veriff.shared-secret", "file:src/test/resources/keys/veriff-test-shared-secret");
        config.put("idv.access.issuer", AccessKeys.ISSUER);
        config.put("idv.access.jwks", "file:" + AccessKeys.JWKS_FILE);
        config.put("idv.access.jwks-url", serverUrl + JWKS_PATH);
        config.put("idv.access.key-refresh-min-interval", "0s");
        return config;
    }

    /** Serves the issuer's JWK Set, before or after it rotates. */
    public static void serveEndpointJwks(WireMockServer server, boolean rotated) {
        server.stubFor(get(urlPathEqualTo(JWKS_PATH)).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody(AccessKeys.endpointJwks(rotated))));
    }
}
