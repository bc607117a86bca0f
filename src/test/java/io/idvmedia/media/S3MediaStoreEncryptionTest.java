package io.idvmedia.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.idvmedia.aws.SignedHttp;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.testing.S3ProxyResource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Server-side encryption is requested on every staged object. S3Proxy refuses the header (501), so an HTTP
 * server that records what it receives stands in for S3 here.
 */
class S3MediaStoreEncryptionTest {

    private static final String KEY = "staged/yoti/11111111-1111-4111-8111-111111111111/"
            + "a1000000-0000-4000-8000-000000000001";
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(put(urlPathEqualTo("/bucket/" + KEY)).willReturn(aResponse().withHeader("ETag", "\"e1\"")));
        server.stubFor(put(urlPathEqualTo("/bucket/" + KEY + ".manifest.json"))
                .willReturn(aResponse().withHeader("ETag", "\"e2\"")));
        server.stubFor(post(urlPathEqualTo("/bucket/" + KEY)).withQueryParam("uploads", equalTo(""))
                .willReturn(aResponse().withBody("<InitiateMultipartUploadResult><Bucket>bucket</Bucket><Key>" + KEY
                        + "</Key><UploadId>u-1</UploadId></InitiateMultipartUploadResult>")));
        server.stubFor(post(urlPathEqualTo("/bucket/" + KEY)).withQueryParam("uploadId", equalTo("u-1"))
                .willReturn(aResponse().withBody("<CompleteMultipartUploadResult><Bucket>bucket</Bucket><Key>" + KEY
                        + "</Key><ETag>\"e3\"</ETag></CompleteMultipartUploadResult>")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private S3MediaStore store(String sse) {
        return store(sse, false);
    }

    private S3MediaStore store(String sse, boolean objectLock) {
        return store(sse, objectLock, false);
    }

    private S3MediaStore store(String sse, boolean objectLock, boolean expiryTags) {
        MediaConfig.S3 config = new MediaConfig.S3() {
            @Override
            public Optional<String> bucket() {
                return Optional.of("bucket");
            }

            @Override
            public String prefix() {
                return "staged";
            }

            @Override
            public String deletionsPrefix() {
                return "deletions";
            }

            @Override
            public String claimsPrefix() {
                return "claims";
            }

            @Override
            public String recordsPrefix() {
                return "records";
            }

            @Override
            public Optional<String> region() {
                return Optional.of("us-east-1");
            }

            @Override
            public Optional<URI> endpoint() {
                return Optional.of(URI.create(server.baseUrl()));
            }

            @Override
            public boolean pathStyle() {
                return true;
            }

            @Override
            public int partSize() {
                return 5 * 1024 * 1024;
            }

            @Override
            public String serverSideEncryption() {
                return sse;
            }

            @Override
            public Optional<String> kmsKeyId() {
                return Optional.empty();
            }

            @Override
            public boolean expiryTags() {
                return expiryTags;
            }
        };
        S3Api s3 = MediaStores.s3Api(config, StaticCredentialsProvider.create(AwsBasicCredentials.create(
                S3ProxyResource.ACCESS_KEY, S3ProxyResource.SECRET_KEY)),
                SignedHttp.overHttp(Duration.ofSeconds(2), Duration.ofSeconds(30)));
        return new S3MediaStore(s3, config,
                archive("arn:aws:kms:eu-west-1:123456789012:key/archive-key", objectLock),
                new ObjectMapper().registerModule(new JavaTimeModule()), Clock.systemUTC());
    }

    /** An archive under {@code archive/}, encrypted with its own KMS key. */
    private static ArchiveConfig archive(String kmsKeyId) {
        return archive(kmsKeyId, false);
    }

    private static ArchiveConfig archive(String kmsKeyId, boolean objectLock) {
        return new ArchiveConfig() {
            @Override
            public boolean objectLock() {
                return objectLock;
            }

            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Duration retention() {
                return Duration.ofDays(90);
            }

            @Override
            public String prefix() {
                return "archive";
            }

            @Override
            public Optional<String> kmsKeyId() {
                return Optional.of(kmsKeyId);
            }
        };
    }

    @Test
    void shouldLockACopyArchivedWhileItsSessionIsHeldAndOnlyThen() throws Exception {
        // GIVEN a bucket with Object Lock, the session held, and S3 listing the archived copy's versions
        String archive = "archive/yoti/" + key().sessionId() + "/";
        server.stubFor(put(urlPathMatching("/bucket/archive/.*")).willReturn(aResponse().withHeader("ETag", "\"a\"")));
        server.stubFor(get(urlPathEqualTo("/bucket/records/holds/yoti/" + key().sessionId() + ".json"))
                .willReturn(aResponse().withBody("{\"held\":true}")));
        server.stubFor(get(urlPathEqualTo("/bucket")).withQueryParam("versions", equalTo(""))
                .willReturn(aResponse().withHeader("Content-Type", "application/xml").withBody("<ListVersionsResult>"
                        + "<Name>bucket</Name><IsTruncated>false</IsTruncated><Version><Key>" + archive
                        + key().mediaId() + "</Key><VersionId>v1</VersionId><IsLatest>true</IsLatest></Version>"
                        + "<Version><Key>" + archive + key().mediaId() + ".manifest.json</Key><VersionId>v2"
                        + "</VersionId><IsLatest>true</IsLatest></Version></ListVersionsResult>")));

        // WHEN a copy is archived
        store("AES256", true).stage(key(), "image/jpeg", MediaKind.DOCUMENT_PAGE,
                new ByteArrayInputStream(new byte[1000]), Instant.now(), new Keeping(Instant.now().plusSeconds(60),
                        true));

        // THEN, once complete, it and its manifest are locked
        List<LoggedRequest> locks = server.findAll(putRequestedFor(urlPathMatching("/bucket/archive/.*"))
                .withQueryParam("legal-hold", equalTo("")).withRequestBody(containing("<Status>ON</Status>")));
        assertThat(locks).extracting(r -> r.queryParameter("versionId").firstValue())
                .containsExactlyInAnyOrder("v1", "v2");

        // WHEN the session is no longer held, THEN a copy archived is not locked
        server.resetRequests();
        server.stubFor(get(urlPathEqualTo("/bucket/records/holds/yoti/" + key().sessionId() + ".json"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>NoSuchKey</Code><Message>none</Message></Error>")));
        store("AES256", true).stage(key(), "image/jpeg", MediaKind.DOCUMENT_PAGE,
                new ByteArrayInputStream(new byte[1000]), Instant.now(), new Keeping(Instant.now().plusSeconds(60),
                        true));
        assertThat(server.findAll(putRequestedFor(urlPathMatching("/bucket/archive/.*"))
                .withQueryParam("legal-hold", equalTo("")))).isEmpty();
        // AND without Object Lock, the hold is not even looked up
        server.resetRequests();
        store("AES256", false).stage(key(), "image/jpeg", MediaKind.DOCUMENT_PAGE,
                new ByteArrayInputStream(new byte[1000]), Instant.now(), new Keeping(Instant.now().plusSeconds(60),
                        true));
        assertThat(server.findAll(getRequestedFor(urlPathMatching("/bucket/records/.*")))).isEmpty();
    }

    @Test
    void shouldTagEveryCopyForItsExpiryRuleAndKeepACopyStagedWhileItsSessionIsHeld() throws Exception {
        // GIVEN copies tagged for their expiry rule, and the session not held
        String hold = "/bucket/records/holds/yoti/" + key().sessionId() + ".json";
        server.stubFor(get(urlPathEqualTo(hold)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>NoSuchKey</Code><Message>none</Message></Error>")));
        server.stubFor(put(urlPathMatching("/bucket/" + KEY + ".*")).withQueryParam("tagging", equalTo(""))
                .willReturn(aResponse().withStatus(200)));

        // WHEN a small copy and a large one are staged
        store("AES256", false, true).stage(key(), "image/jpeg", MediaKind.DOCUMENT_PAGE,
                new ByteArrayInputStream(new byte[1000]), Instant.now(), Keeping.ON_DEMAND);
        store("AES256", false, true).stage(key(), "video/mp4", MediaKind.SELFIE_VIDEO,
                new ByteArrayInputStream(new byte[6 * 1024 * 1024]), Instant.now(), Keeping.ON_DEMAND);

        // THEN each object is written with the tag its expiry rule selects (the large one when its upload starts), and
        // none re-tagged
        server.verify(1, putRequestedFor(urlPathEqualTo("/bucket/" + KEY)).withHeader("x-amz-tagging",
                equalTo("idv-expire=yes")));
        server.verify(2, putRequestedFor(urlPathEqualTo("/bucket/" + KEY + ".manifest.json"))
                .withHeader("x-amz-tagging", equalTo("idv-expire=yes")));
        server.verify(postRequestedFor(urlPathEqualTo("/bucket/" + KEY)).withQueryParam("uploads", equalTo(""))
                .withHeader("x-amz-tagging", equalTo("idv-expire=yes")));
        assertThat(server.findAll(putRequestedFor(urlPathMatching("/bucket/.*")).withQueryParam("tagging",
                equalTo("")))).isEmpty();

        // WHEN the session is held and a copy is staged, THEN, once complete, it and its manifest are tagged kept
        server.resetRequests();
        server.stubFor(get(urlPathEqualTo(hold)).willReturn(aResponse().withBody("{\"held\":true}")));
        store("AES256", false, true).stage(key(), "image/jpeg", MediaKind.DOCUMENT_PAGE,
                new ByteArrayInputStream(new byte[1000]), Instant.now(), Keeping.ON_DEMAND);
        List<LoggedRequest> tagged = server.findAll(putRequestedFor(urlPathMatching("/bucket/.*"))
                .withQueryParam("tagging", equalTo("")));
        assertThat(tagged).extracting(LoggedRequest::getUrl).containsExactly("/bucket/" + KEY + "?tagging",
                "/bucket/" + KEY + ".manifest.json?tagging");
        assertThat(tagged).allSatisfy(r -> assertThat(r.getBodyAsString()).contains("<Key>idv-expire</Key>")
                .contains("<Value>no</Value>"));
        assertThat(tagged).allSatisfy(r -> assertThat(r.containsHeader("Content-MD5")
                || r.getHeaders().keys().stream().anyMatch(h -> h.toLowerCase().startsWith("x-amz-checksum-")))
                .as("a digest S3 requires of PutObjectTagging").isTrue());

        // AND without expiry tags, nothing is tagged and the hold is not even looked up
        server.resetRequests();
        store("AES256").stage(key(), "image/jpeg", MediaKind.DOCUMENT_PAGE, new ByteArrayInputStream(new byte[10]),
                Instant.now(), Keeping.ON_DEMAND);
        assertThat(server.findAll(putRequestedFor(urlPathEqualTo("/bucket/" + KEY))).get(0)
                .containsHeader("x-amz-tagging")).isFalse();
        assertThat(server.findAll(getRequestedFor(urlPathMatching("/bucket/records/.*")))).isEmpty();
    }

    private static StagedKey key() {
        return new StagedKey("yoti", "11111111-1111-4111-8111-111111111111", "a1000000-0000-4000-8000-000000000001");
    }

    @Test
    void shouldRequestEncryptionForASmallObjectAndItsManifest() throws Exception {
        StagedMedia media = store("AES256").stage(key(), "image/jpeg", MediaKind.DOCUMENT_PAGE,
                new ByteArrayInputStream(new byte[1000]), Instant.now(), Keeping.ON_DEMAND);

        assertThat(media.contentLength()).isEqualTo(1000);
        server.verify(putRequestedFor(urlPathEqualTo("/bucket/" + KEY))
                .withHeader("x-amz-server-side-encryption", equalTo("AES256"))
                .withHeader("Content-Type", equalTo("image/jpeg")));
        server.verify(putRequestedFor(urlPathEqualTo("/bucket/" + KEY + ".manifest.json"))
                .withHeader("x-amz-server-side-encryption", equalTo("AES256")));
    }

    @Test
    void shouldRequestEncryptionWhenStartingAMultipartUpload() throws Exception {
        store("AES256").stage(key(), "video/mp4", MediaKind.SELFIE_VIDEO,
                new ByteArrayInputStream(new byte[6 * 1024 * 1024]), Instant.now(), Keeping.ON_DEMAND);

        server.verify(postRequestedFor(urlPathEqualTo("/bucket/" + KEY)).withQueryParam("uploads", equalTo(""))
                .withHeader("x-amz-server-side-encryption", equalTo("AES256")));
        server.verify(2, putRequestedFor(urlPathEqualTo("/bucket/" + KEY)).withQueryParam("uploadId",
                equalTo("u-1")));
    }

    @Test
    void shouldEncryptArchivedCopiesWithTheArchivesKmsKeyUnderTheArchivePrefix() throws Exception {
        String archived = "archive/" + KEY.substring("staged/".length());
        server.stubFor(put(urlPathEqualTo("/bucket/" + archived)).willReturn(aResponse().withHeader("ETag", "\"e4\"")));
        server.stubFor(put(urlPathEqualTo("/bucket/" + archived + ".manifest.json"))
                .willReturn(aResponse().withHeader("ETag", "\"e5\"")));

        StagedMedia media = store("AES256").stage(key(), "image/jpeg", MediaKind.DOCUMENT_PAGE,
                new ByteArrayInputStream(new byte[1000]), Instant.now(), new Keeping(Instant.now().plusSeconds(60),
                        true));

        assertThat(media.archived()).isTrue();
        for (String object : List.of(archived, archived + ".manifest.json")) {
            server.verify(putRequestedFor(urlPathEqualTo("/bucket/" + object))
                    .withHeader("x-amz-server-side-encryption", equalTo("aws:kms"))
                    .withHeader("x-amz-server-side-encryption-aws-kms-key-id",
                            equalTo("arn:aws:kms:eu-west-1:123456789012:key/archive-key")));
        }
        assertThat(server.findAll(putRequestedFor(urlPathEqualTo("/bucket/" + KEY)))).isEmpty();
    }

    @Test
    void shouldSendNoEncryptionHeaderWhenTurnedOff() throws Exception {
        store("none").stage(key(), "image/jpeg", MediaKind.DOCUMENT_PAGE, new ByteArrayInputStream(new byte[10]),
                Instant.now(), Keeping.ON_DEMAND);

        assertThat(server.findAll(putRequestedFor(urlPathEqualTo("/bucket/" + KEY))).get(0)
                .containsHeader("x-amz-server-side-encryption")).isFalse();
    }
}
