package io.idvmedia.testing;

import java.util.Map;

/** WireMock as Sumsub's API, with a test app token and secret key. */
public class WireMockSumsub extends WireMockProvider {

    /** The token in {@code src/test/resources/keys/sumsub-test-app-token}. */
    public static final String APP_TOKEN = "test-sumsub-app-token";
    /** The key in {@code src/test/resources/keys/sumsub-test-secret-key}. */
    public static final String SECRET_KEY = "test-sumsub-secret-key-0123456789";

    @Override
    protected Map<String, String> providerConfig(String serverUrl) {
        return Map.of(
                "idv.sumsub.base-url", serverUrl,
                "idv.sumsub.app-token", "file:src/test/resources/keys/sumsub-test-app-token",
                "idv.sumsub.secret-key", "file:src/test/resources/keys/sumsub-test-secret-key",
                "idv.sumsub.media-index-ttl", "1m");
    }
}
