package io.idvmedia.testing;

import java.util.Map;

/** WireMock as Onfido's API (v3.6), with a test API token. */
public class WireMockOnfido extends WireMockProvider {

    public static final String BASE_PATH = "/v3.6";
    /** The token in {@code src/test/resources/keys/onfido-test-api-token}. */
    public static final String API_TOKEN = "api_sandbox.test-onfido-token";

    @Override
    protected Map<String, String> providerConfig(String serverUrl) {
        return Map.of(
                "idv.onfido.base-url", serverUrl + BASE_PATH,
                "idv.onfido.api-token", "file:src/test/resources/keys/onfido-test-api-token",
                "idv.onfido.media-index-ttl", "1m");
    }
}
