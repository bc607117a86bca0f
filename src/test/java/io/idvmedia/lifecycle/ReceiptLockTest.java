package io.idvmedia.lifecycle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockS3;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Receipts in a bucket with S3 Object Lock, as S3 answers (S3Proxy knows no Object Lock): each is written with its
 * retention and mode, and with the Content-MD5 that S3 requires of any PutObject with Object Lock parameters.
 */
@QuarkusTest
@WithTestResource(WireMockS3.class)
@TestProfile(ReceiptLockTest.Locked.class)
class ReceiptLockTest {

    /** Receipts locked for ten days in governance mode. */
    public static class Locked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.receipts.lock-retention", "P10D", "idv.receipts.lock-mode", "GOVERNANCE");
        }
    }

    private static final String NO_SUCH_KEY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey"
            + "</Code><Message>The specified key does not exist.</Message><RequestId>R2</RequestId></Error>";

    @WireMockProvider.InjectWireMock
    WireMockServer s3;

    @Test
    void shouldWriteEachReceiptLockedWithItsDigest() throws Exception {
        // GIVEN a bucket with nothing of the session, answering as S3 does to a role that may list its prefixes
        String bucket = "/" + WireMockS3.BUCKET;
        s3.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/xml").withBody(NO_SUCH_KEY)));
        s3.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
        s3.stubFor(get(urlPathEqualTo(bucket)).withQueryParam("list-type", matching("2")).atPriority(1)
                .willReturn(xml("<ListBucketResult><Name>" + WireMockS3.BUCKET + "</Name><KeyCount>0</KeyCount>"
                        + "<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>")));
        s3.stubFor(get(urlPathEqualTo(bucket)).withQueryParam("uploads", matching(".*")).atPriority(1)
                .willReturn(xml("<ListMultipartUploadsResult><Bucket>" + WireMockS3.BUCKET + "</Bucket>"
                        + "<IsTruncated>false</IsTruncated></ListMultipartUploadsResult>")));
        s3.stubFor(post(urlPathEqualTo(bucket)).withQueryParam("delete", matching(".*"))
                .willReturn(xml("<DeleteResult></DeleteResult>")));
        Instant before = Instant.now();

        // WHEN a session is deleted
        given().when().delete("/v1/yoti/sessions/" + YotiSandboxData.VIDEO).then().statusCode(200);

        // THEN its receipt is written locked in governance mode for ten days, with the digest of its body
        List<LoggedRequest> receipts = s3.findAll(putRequestedFor(urlPathMatching(bucket
                + "/records/receipts/yoti/" + YotiSandboxData.VIDEO + "/[0-9a-f]{64}\\.json")));
        assertThat(receipts).hasSize(1);
        LoggedRequest receipt = receipts.get(0);
        assertThat(receipt.getHeader("x-amz-object-lock-mode")).isEqualTo("GOVERNANCE");
        Instant until = ZonedDateTime.parse(receipt.getHeader("x-amz-object-lock-retain-until-date"),
                DateTimeFormatter.ISO_DATE_TIME).toInstant();
        assertThat(until).isBetween(before.plus(Duration.ofDays(10)).minusSeconds(1),
                Instant.now().plus(Duration.ofDays(10)).plusSeconds(1));
        byte[] body = payload(receipt);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"receipt\"");
        assertThat(receipt.getHeader("Content-MD5")).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("MD5").digest(body)));
        // AND nothing else is written locked
        assertThat(s3.findAll(putRequestedFor(anyUrl())).stream()
                .filter(r -> r.containsHeader("x-amz-object-lock-mode")).toList()).hasSize(1);
    }

    /** The object's bytes: the body itself, or the data of its chunks when the SDK sent it aws-chunked. */
    private static byte[] payload(LoggedRequest request) {
        byte[] raw = request.getBody();
        if (!request.containsHeader("x-amz-decoded-content-length")) {
            return raw;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(raw, at);
            String header = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                return data.toByteArray();
            }
            data.write(raw, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i < raw.length - 1; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("an aws-chunked body without its chunk header's end");
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody(body);
    }
}
