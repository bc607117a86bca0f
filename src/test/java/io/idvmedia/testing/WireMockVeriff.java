package io.idvmedia.testing;

import io.idvmedia.signing.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** WireMock as a Veriff integration, with a test API key and shared secret. */
public class WireMockVeriff extends WireMockProvider {

    public static final String BASE_PATH = "/v1";
    public static final String API_KEY = "test-api-key";
    public static final String SHARED_SECRET = "test-veriff-shared-secret-0123456789";

    @Override
    protected Map<String, String> providerConfig(String serverUrl) {
        return Map.of(
                "idv.veriff.base-url", serverUrl + BASE_PATH,
                "idv.veriff.api-key", API_KEY,
                "idv.veriff.shared-secret", "file:src/test/resources/keys/veriff-test-shared-secret",
                "idv.veriff.media-list-ttl", "1m");
    }

    /** The signature Veriff would send with this body. */
    public static String sign(String body) {
        return HmacSha256.sign(SHARED_SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(byte[] body) {
        return HmacSha256.sign(SHARED_SECRET, body);
    }
}
