package io.idvmedia.testing;

import java.util.Map;

/** WireMock as Yoti, with the test key. */
public class WireMockYoti extends WireMockProvider {

    public static final String BASE_PATH = "/idverify/v1";

    @Override
    protected Map<String, String> providerConfig(String serverUrl) {
        return Map.of(
                "idv.yoti.base-url", serverUrl + BASE_PATH,
                "idv.yoti.sdk-id", "test-sdk-id",
                "idv.yoti.private-key", "file:src/test/resources/keys/test-key-pkcs1.pem");
    }
}
