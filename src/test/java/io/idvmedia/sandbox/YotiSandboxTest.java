package io.idvmedia.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.provider.yoti.YotiRequestSigner;
import io.idvmedia.signing.PemKeys;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
        // GIVEN a request to another session signed with the real key: its digest is valid for that path
        String pem = Files.readString(Path.of("target/sandbox/yoti-demo-key.pem"));
        YotiRequestSigner.SignedRequest other = new YotiRequestSigner("sandbox-sdk-id", PemKeys.privateKey(pem))
                .sign("GET", "/sessions/" + YotiSandboxData.ONGOING, null);
        String digest = other.headers().get("X-Yoti-Auth-Digest");
        String query = other.pathWithQuery().substring(other.pathWithQuery().indexOf('?'));
        assertThat(raw(other.pathWithQuery(), digest).statusCode()).as("the digest on its own path").isEqualTo(200);

        // WHEN that digest (and its nonce and timestamp) is presented for this session
        HttpResponse<String> forged = raw(SESSION + query, digest);

        // THEN it is refused as a signature that does not match
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("INVALID_REQUEST_SIGNATURE");
    }

    @Test
    void shouldAnswer401ForAMissingTimestampOrAnotherSdkId() throws Exception {
        assertThat(raw(SESSION + "?sdkId=sandbox-sdk-id&nonce=n&timestamp=soon", "x").body())
                .contains("INVALID_TIMESTAMP");
        assertThat(raw(SESSION + "?sdkId=someone-else&nonce=n&timestamp=" + System.currentTimeMillis(), "x").body())
                .contains("INVALID_SDK_ID");
    }
}
