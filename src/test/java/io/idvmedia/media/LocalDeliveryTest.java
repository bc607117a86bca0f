package io.idvmedia.media;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.access.AuditLog;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.StoredCopies;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** URL delivery with the local store (the test profile's default): files, and URLs this application signs. */
@QuarkusTest
class LocalDeliveryTest extends MediaDeliveryContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "idv.media.local.dir")
    Path dir;

    @Override
    boolean holdsAnything(String provider, String sessionId, String mediaId) {
        return StoredCopies.local(dir, provider, sessionId, mediaId);
    }

    private String frontPageUrl() {
        return url(YOTI + YotiSandboxData.COMPLETED + "/media/" + YotiSandboxData.FRONT_PAGE).statusCode(200)
                .extract().path("url");
    }

    @Test
    void shouldServeByteRangesSoThatAVideoCanSeek() throws Exception {
        String link = frontPageUrl();
        byte[] whole = fetch(link).body();

        HttpResponse<byte[]> middle = CLIENT.send(HttpRequest.newBuilder(URI.create(link))
                .header("Range", "bytes=100-199").build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> tail = CLIENT.send(HttpRequest.newBuilder(URI.create(link))
                .header("Range", "bytes=-50").build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> outside = CLIENT.send(HttpRequest.newBuilder(URI.create(link))
                .header("Range", "bytes=" + whole.length + "-").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 100-199/" + whole.length);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(whole, 100, 200));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 50, whole.length));
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).contains("bytes */" + whole.length);
        assertThat(fetch(link).headers().firstValue("Accept-Ranges")).contains("bytes");
    }

    @Test
    void shouldAuditEveryFetchOfAStagedCopyWithTheSubjectItsUrlWasSignedFor() throws Exception {
        // GIVEN a URL get-media signed for the grant's subject
        String link = frontPageUrl();
        assertThat(link).contains("&sub=test-user-1&");

        try (LogCapture audit = LogCapture.of(AuditLog.CATEGORY)) {
            // WHEN it is fetched, and fetched again with another subject or a forged signature
            HttpResponse<byte[]> served = fetch(link);
            HttpResponse<byte[]> otherSubject = fetch(link.replace("sub=test-user-1", "sub=someone-else"));
            String signature = link.substring(link.indexOf("signature=") + "signature=".length());
            HttpResponse<byte[]> forged = fetch(link.replace(signature, new StringBuilder(signature).reverse()));

            // THEN the fetch is on the record: for whom, what, how many bytes, how it ended
            assertThat(served.statusCode()).isEqualTo(200);
            JsonNode fetched = JSON.readTree(audit.await("\"operation\":\"staged-media\"", "\"status\":200"));
            assertThat(fetched.get("access").asText()).isEqualTo("signed_url");
            assertThat(fetched.get("subject").asText()).isEqualTo("test-user-1");
            assertThat(fetched.get("provider").asText()).isEqualTo("yoti");
            assertThat(fetched.get("sessionId").asText()).isEqualTo(YotiSandboxData.COMPLETED);
            assertThat(fetched.get("mediaId").asText()).isEqualTo(YotiSandboxData.FRONT_PAGE);
            assertThat(fetched.get("bytesSent").asLong()).isEqualTo(served.body().length);
            assertThat(fetched.get("outcome").asText()).isEqualTo("completed");

            // AND so are the refusals: a changed subject breaks the signature, and no untrusted subject is written
            assertThat(otherSubject.statusCode()).isEqualTo(403);
            assertThat(new String(otherSubject.body(), StandardCharsets.UTF_8)).doesNotContain("someone-else");
            assertThat(forged.statusCode()).isEqualTo(403);
            List<String> refusals = audit.lines().stream().filter(l -> l.contains("\"staged-media\"")
                    && l.contains("\"status\":403")).toList();
            assertThat(refusals).hasSize(2).allSatisfy(line -> {
                JsonNode refused = JSON.readTree(line);
                assertThat(refused.get("outcome").asText()).isEqualTo("denied");
                assertThat(refused.get("check").asText()).isEqualTo("signature");
                assertThat(refused.get("subject").isNull()).isTrue();
            });
            assertThat(String.join("\n", audit.lines())).doesNotContain("someone-else").doesNotContain(signature);
        }
    }

    @Test
    void shouldRefuseAUrlWhoseSignaturePathOrModeWasChanged() throws Exception {
        String link = frontPageUrl();
        String signature = link.substring(link.indexOf("signature=") + "signature=".length());
        String flipped = (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1);

        assertThat(fetch(link.replace(signature, flipped)).statusCode()).isEqualTo(403);
        assertThat(fetch(link.replace(YotiSandboxData.FRONT_PAGE, YotiSandboxData.BACK_PAGE)).statusCode())
                .isEqualTo(403);
        assertThat(fetch(link.replace("&signature=", "&download=true&signature=")).statusCode()).isEqualTo(403);
        assertThat(fetch(link.replaceAll("expires=\\d+", "expires=99999999999")).statusCode()).isEqualTo(403);
        given().when().get(URI.create(link).getPath()).then().statusCode(403)
                .contentType("application/problem+json");
    }
}
