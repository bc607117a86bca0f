package io.idvmedia.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The sandbox checks request signatures the way Yoti does, and answers in Yoti's error shape. */
@QuarkusTest
class YotiSandboxTest {

    private static final String SESSION = "/sessions/" + YotiSandboxData.COMPLETED;

    private static HttpResponse<String> raw(String pathWithQuery, String digest) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(Sandbox.baseUrl() + YotiSandboxResource.BASE + pathWithQuery));
        if (digest != null) {
            request.header("X-Yoti-Auth-Digest", digest);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeACorrectlySignedRequest() {
        assertThat(Sandbox.yotiGet(SESSION).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer401InYotiShapeWithoutADigest() throws Exception {
        HttpResponse<String> response = raw(SESSION + "?sdkId=sandbox-sdk-id&nonce=n&timestamp="
                + System.currentTimeMillis(), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"INVALID_REQUEST_SIGNATURE\"").contains("\"message\"");
    }

    @Test
    void shouldAnswer401ForADigestOverAnotherPath() throws Exception {
        // GIVEN a valid signature for one session
        HttpResponse<byte[]> ok = Sandbox.yotiGet(SESSION);
        assertThat(ok.statusCode()).isEqualTo(200);
        String query = "?sdkId=sandbox-sdk-id&nonce=n1&timestamp=" + System.currentTimeMillis();

        // WHEN a forged digest is presented
        HttpResponse<String> forged = raw(SESSION + query, "AAAA" + "B".repeat(340));

        // THEN it is refused
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswer401ForAMissingTimestampOrAnotherSdkId() throws Exception {
        assertThat(raw(SESSION + "?sdkId=sandbox-sdk-id&nonce=n&timestamp=soon", "x").body())
                .contains("INVALID_TIMESTAMP");
        assertThat(raw(SESSION + "?sdkId=someone-else&nonce=n&timestamp=" + System.currentTimeMillis(), "x").body())
                .contains("INVALID_SDK_ID");
    }
}
