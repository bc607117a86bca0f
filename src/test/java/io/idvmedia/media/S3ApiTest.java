package io.idvmedia.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.idvmedia.aws.SignedHttp;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The S3 store's client against an HTTP server answering as S3 does where S3Proxy cannot be made to (WireMock): what it
 * signs and sends, how it reads S3's XML, and how it fails, tries again, or does not.
 */
class S3ApiTest {

    private static final String KEY = "staged/yoti/a b+c/d.jpg";
    private static final String PATH = "/bucket/staged/yoti/a%20b%2Bc/d.jpg";
    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private S3Api s3;

    @BeforeEach
    void start() {
        server.start();
        s3 = client(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x")));
    }

    /** A client of the bucket at the server, path-style, in eu-west-1, signing with these credentials. */
    private S3Api client(AwsCredentialsProvider credentials) {
        MediaConfig.S3 config = mock(MediaConfig.S3.class);
        when(config.bucket()).thenReturn(Optional.of("bucket"));
        when(config.region()).thenReturn(Optional.of("eu-west-1"));
        when(config.endpoint()).thenReturn(Optional.of(URI.create(server.baseUrl())));
        when(config.pathStyle()).thenReturn(true);
        return MediaStores.s3Api(config, credentials, SignedHttp.overHttp(Duration.ofSeconds(2),
                Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void shouldSendExactlyWhatItSignedWithTheKeyEncodedOnce() throws Exception {
        // GIVEN S3 taking a write
        server.stubFor(put(urlPathEqualTo(PATH)).willReturn(aResponse().withHeader("ETag", "\"e1\"")));

        // WHEN an object whose key needs encoding is written
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String etag = s3.put(KEY, SignedHttp.Body.of(body), Map.of("Content-Type", "application/json",
                "x-amz-server-side-encryption", "AES256"));

        // THEN it reached the key, encoded once, signed for S3 in the region with the digest of what it sent (over
        // HTTP; over HTTPS S3's payloads are left unsigned, as the SDK leaves them)
        assertThat(etag).isEqualTo("\"e1\"");
        LoggedRequest sent = server.findAll(putRequestedFor(urlPathEqualTo(PATH))).get(0);
        assertThat(sent.getBody()).isEqualTo(body);
        assertThat(sent.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
                .contains("/eu-west-1/s3/aws4_request").contains("x-amz-server-side-encryption");
        assertThat(sent.getHeader("x-amz-content-sha256"))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void shouldReadAMissingKeyAsAbsentAndARefusalAsAFailureNeverTriedAgain() {
        // GIVEN a key S3 says does not exist, and one it refuses
        server.stubFor(get(urlPathEqualTo("/bucket/missing")).willReturn(aResponse().withStatus(404)
                .withBody("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                        + "</Error>")));
        server.stubFor(get(urlPathEqualTo("/bucket/refused")).willReturn(aResponse().withStatus(403)
                .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied to refused</Message></Error>")));

        // THEN the first is absent, the second a failure naming S3's status and code, never its message or the key
        assertThat(s3.get("missing")).isEmpty();
        assertThatThrownBy(() -> s3.get("refused")).isInstanceOf(S3Failure.class)
                .hasMessage("S3 answered 403 AccessDenied");
        server.verify(1, getRequestedFor(urlPathEqualTo("/bucket/refused")));
    }

    @Test
    void shouldTryAgainAfterSlowDownAndServerErrorsThreeAttemptsInAll() {
        // GIVEN S3 asking to slow down, then failing, then answering
        server.stubFor(get(urlPathEqualTo("/bucket/k")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>"))
                .willSetStateTo("failing"));
        server.stubFor(get(urlPathEqualTo("/bucket/k")).inScenario("busy").whenScenarioStateIs("failing")
                .willReturn(aResponse().withStatus(500).withBody("<Error><Code>InternalError</Code></Error>"))
                .willSetStateTo("well"));
        server.stubFor(get(urlPathEqualTo("/bucket/k")).inScenario("busy").whenScenarioStateIs("well")
                .willReturn(aResponse().withHeader("ETag", "\"e2\"").withBody("{}")));

        // THEN the third attempt's answer is the object
        S3Api.Fetched fetched = s3.get("k").orElseThrow();
        assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(fetched.etag()).isEqualTo("\"e2\"");
        server.verify(3, getRequestedFor(urlPathEqualTo("/bucket/k")));

        // AND S3 down stays a failure after three attempts, a broken connection too
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/bucket/k")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> s3.get("k")).isInstanceOf(S3Failure.class).hasMessage("S3 answered 503");
        server.verify(3, getRequestedFor(urlPathEqualTo("/bucket/k")));
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/bucket/k")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> s3.get("k")).isInstanceOf(UncheckedIOException.class)
                .hasMessage("S3 could not be reached");
        // (three attempts; the JDK's client itself sends a GET whose connection broke once more, as it did under the
        // SDK's client over the same JDK client)
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/bucket/k")))).hasSizeBetween(3, 6);
    }

    @Test
    void shouldNotFollowARedirectWithItsSignature() {
        // GIVEN S3 redirecting a read elsewhere
        server.stubFor(get(urlPathEqualTo("/bucket/k")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", server.baseUrl() + "/elsewhere/k")
                .withBody("<Error><Code>TemporaryRedirect</Code></Error>")));
        server.stubFor(get(urlPathEqualTo("/elsewhere/k")).willReturn(aResponse().withBody("{}")));

        // THEN the redirect is the answer, and nothing goes elsewhere
        assertThatThrownBy(() -> s3.get("k")).isInstanceOf(S3Failure.class)
                .hasMessage("S3 answered 307 TemporaryRedirect");
        server.verify(0, getRequestedFor(urlPathEqualTo("/elsewhere/k")));
    }

    @Test
    void shouldTakeACompletedUploadAnsweredWithAnErrorForAFailure() {
        // GIVEN S3 answering 200 to CompleteMultipartUpload with an error in the body, at every attempt
        server.stubFor(post(urlPathEqualTo("/bucket/k")).withQueryParam("uploadId", equalTo("u-1"))
                .willReturn(aResponse().withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                        + "InternalError</Code><Message>We encountered an internal error.</Message></Error>")));

        // THEN it is tried again and then reported, not taken for a complete object
        assertThatThrownBy(() -> s3.completeUpload("k", "u-1", List.of(new S3Api.Part(1, "\"p1\""))))
                .isInstanceOf(S3Failure.class).hasMessage("S3 answered 200 InternalError");
        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/bucket/k")));
        assertThat(sent).hasSize(3);
        // AND what it sent lists the part, with the digest S3 asks of such bodies
        assertThat(sent.get(0).getBodyAsString()).contains("<Part><PartNumber>1</PartNumber><ETag>&quot;p1&quot;"
                + "</ETag></Part>");
        assertThat(sent.get(0).getHeader("Content-MD5")).isNotBlank();
        assertThat(sent.get(0).getHeader("Content-Type")).isEqualTo("application/xml");
    }

    @Test
    void shouldReadAListingPageAndTheKeysDeleteObjectsCouldNotRemove() {
        // GIVEN a truncated listing, and a DeleteObjects that removes one key of two
        server.stubFor(get(urlPathEqualTo("/bucket")).withQueryParam("list-type", equalTo("2"))
                .withQueryParam("prefix", equalTo("staged/yoti/"))
                .willReturn(aResponse().withBody("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Contents><Key>staged/yoti/a &amp; b</Key><Size>12</Size></Contents>"
                        + "<Contents><Key>staged/yoti/c</Key><Size>3</Size></Contents>"
                        + "<IsTruncated>true</IsTruncated><NextContinuationToken>t-2</NextContinuationToken>"
                        + "</ListBucketResult>")));
        server.stubFor(post(urlPathEqualTo("/bucket")).withQueryParam("delete", equalTo(""))
                .willReturn(aResponse().withBody("<DeleteResult><Error><Key>staged/yoti/c</Key><Code>AccessDenied"
                        + "</Code><Message>Access Denied</Message></Error></DeleteResult>")));

        // THEN the page lists both objects and the next page's token
        S3Api.Page<S3Api.Listed> page = s3.list("staged/yoti/", Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThat(page.items()).containsExactly(new S3Api.Listed("staged/yoti/a & b", 12),
                new S3Api.Listed("staged/yoti/c", 3));
        assertThat(page.next()).contains("t-2");
        // AND the key not removed is reported with S3's code
        assertThat(s3.deleteAll(List.of("staged/yoti/a & b", "staged/yoti/c")))
                .containsExactly(new S3Api.NotDeleted("staged/yoti/c", "AccessDenied"));
        LoggedRequest delete = server.findAll(postRequestedFor(urlPathEqualTo("/bucket"))).get(0);
        assertThat(delete.getBodyAsString()).contains("<Quiet>true</Quiet>")
                .contains("<Object><Key>staged/yoti/a &amp; b</Key></Object>");
        assertThat(delete.getHeader("Content-MD5")).isNotBlank();
    }

    @Test
    void shouldNeverResolveAnEntityAnAnswerDeclares() {
        // GIVEN an answer whose document declares an external entity (a file of this machine)
        server.stubFor(get(urlPathEqualTo("/bucket")).withQueryParam("uploads", equalTo(""))
                .willReturn(aResponse().withBody("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM "
                        + "\"file:///etc/hostname\">]><ListMultipartUploadsResult><Upload><Key>&x;</Key><UploadId>u"
                        + "</UploadId></Upload></ListMultipartUploadsResult>")));

        // THEN it is refused as malformed, and nothing of the file is read into a key
        assertThatThrownBy(() -> s3.uploads("staged/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a malformed XML document");
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldPresignAReadWithItsQueryParametersSignedIn() {
        // WHEN a read is presigned with a response type and a subject
        String url = s3.presignGet(KEY, Map.of("response-content-type", "image/jpeg", "x-idv-subject", "user-1"),
                Duration.ofMinutes(5), Clock.systemUTC());

        // THEN the URL names the key, carries its parameters and a signature for five minutes, and sends nothing
        assertThat(url).startsWith(server.baseUrl() + PATH + "?").contains("response-content-type=image%2Fjpeg")
                .contains("x-idv-subject=user-1").contains("X-Amz-Expires=300").contains("X-Amz-Signature=")
                .contains("X-Amz-Credential=AKIDTEST%2F");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldCarryTheSessionTokenOfTemporaryCredentialsInARequestAndAUrl() {
        // GIVEN a client signing with a role's temporary credentials, as Lambda gives them
        S3Api session = client(StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIATEST", "x",
                "token-1")));
        server.stubFor(get(urlPathEqualTo("/bucket/k")).willReturn(aResponse().withBody("{}")));

        // WHEN it reads an object and presigns a read
        session.get("k");
        String url = session.presignGet("k", Map.of(), Duration.ofMinutes(1), Clock.systemUTC());

        // THEN both carry the token, signed
        LoggedRequest sent = server.findAll(getRequestedFor(urlPathEqualTo("/bucket/k"))).get(0);
        assertThat(sent.getHeader("X-Amz-Security-Token")).isEqualTo("token-1");
        assertThat(sent.getHeader("Authorization")).contains("x-amz-security-token");
        assertThat(url).contains("X-Amz-Security-Token=token-1").contains("X-Amz-Credential=ASIATEST%2F");
    }
}
