package io.idvmedia.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.aws.SignedHttp;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.testing.S3ProxyResource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The multipart abort path, which S3Proxy cannot be made to take on demand: an S3 played by WireMock whose third part
 * upload fails with a 500 at every attempt, and whose later parts answer only after a while.
 */
class S3MultipartAbortTest {

    private static final int PART = S3PartUpload.MIN_PART_SIZE;
    private static final String KEY = "staged/yoti/11111111-1111-4111-8111-111111111111/"
            + "a4000000-0000-4000-8000-000000000001";
    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void shouldAbortTheUploadStopReadingAndWriteNoManifestWhenAPartFails() {
        // GIVEN an S3 whose third part upload fails, at every attempt
        String object = "/staged-bucket/" + KEY;
        server.stubFor(post(urlPathEqualTo(object)).withQueryParam("uploads", equalTo(""))
                .willReturn(aResponse().withBody("<InitiateMultipartUploadResult><Bucket>staged-bucket</Bucket><Key>"
                        + KEY + "</Key><UploadId>upload-1</UploadId></InitiateMultipartUploadResult>")));
        server.stubFor(put(urlPathEqualTo(object)).withQueryParam("partNumber", equalTo("3"))
                .willReturn(aResponse().withStatus(500).withBody("<Error><Code>InternalError</Code>"
                        + "<Message>injected failure of part 3</Message></Error>")));
        server.stubFor(put(urlPathEqualTo(object)).withQueryParam("partNumber", matching("[12]"))
                .willReturn(aResponse().withHeader("ETag", "\"etag\"")));
        // (a later part answers only after the failure's clean-up: it keeps its buffer until then, so that how far
        // reading goes past the failure depends on the buffers alone, never on how the threads are scheduled)
        server.stubFor(put(urlPathEqualTo(object)).withQueryParam("partNumber", matching("[4-9]|1[0-9]|20"))
                .willReturn(aResponse().withHeader("ETag", "\"etag\"").withFixedDelay(3_000)));
        server.stubFor(delete(urlPathEqualTo(object)).withQueryParam("uploadId", equalTo("upload-1"))
                .willReturn(aResponse().withStatus(204)));
        S3Api s3 = MediaStores.s3Api(s3Config(), StaticCredentialsProvider.create(AwsBasicCredentials.create(
                S3ProxyResource.ACCESS_KEY, S3ProxyResource.SECRET_KEY)),
                SignedHttp.overHttp(Duration.ofSeconds(2), Duration.ofSeconds(30)));
        S3MediaStore store = new S3MediaStore(s3, s3Config(), noArchive(), new ObjectMapper().findAndRegisterModules(),
                Clock.systemUTC());
        // AND a body of twenty parts, counted as it is read
        long size = 20L * PART;
        AtomicLong read = new AtomicLong();
        InputStream body = counted(GeneratedMedia.mp4(size, 9), read);

        // WHEN it is staged
        assertThatThrownBy(() -> store.stage(new StagedKey("yoti", "11111111-1111-4111-8111-111111111111",
                "a4000000-0000-4000-8000-000000000001"), "video/mp4", MediaKind.SELFIE_VIDEO, body, Instant.now(),
                Keeping.ON_DEMAND)).isInstanceOf(S3Failure.class).hasMessage("S3 answered 500 InternalError");

        // THEN part 3 was tried three times, and the multipart upload is aborted, by its id, and never completed
        server.verify(3, putRequestedFor(urlPathEqualTo(object)).withQueryParam("partNumber", equalTo("3")));
        server.verify(1, deleteRequestedFor(urlPathEqualTo(object)).withQueryParam("uploadId", equalTo("upload-1")));
        server.verify(0, postRequestedFor(urlPathEqualTo(object)).withQueryParam("uploadId", equalTo("upload-1")));
        // AND no manifest says a copy exists
        server.verify(0, anyRequestedFor(urlPathMatching(".*\\.manifest\\.json")));
        // AND reading stopped soon after the failure, not at the end of the body: at most the parts in memory (and
        // the one being read) past the failed one
        assertThat(read.get()).isLessThanOrEqualTo((3L + S3PartUpload.PARTS_IN_MEMORY + 1) * PART);
    }

    private MediaConfig.S3 s3Config() {
        MediaConfig.S3 config = mock(MediaConfig.S3.class);
        when(config.bucket()).thenReturn(Optional.of("staged-bucket"));
        when(config.region()).thenReturn(Optional.of("us-east-1"));
        when(config.endpoint()).thenReturn(Optional.of(URI.create(server.baseUrl())));
        when(config.pathStyle()).thenReturn(true);
        when(config.prefix()).thenReturn("staged");
        when(config.deletionsPrefix()).thenReturn("deletions");
        when(config.claimsPrefix()).thenReturn("claims");
        when(config.recordsPrefix()).thenReturn("records");
        when(config.partSize()).thenReturn(PART);
        when(config.serverSideEncryption()).thenReturn("AES256");
        when(config.kmsKeyId()).thenReturn(Optional.empty());
        return config;
    }

    private static ArchiveConfig noArchive() {
        ArchiveConfig archive = mock(ArchiveConfig.class);
        when(archive.enabled()).thenReturn(false);
        when(archive.kmsKeyId()).thenReturn(Optional.empty());
        return archive;
    }

    private static InputStream counted(InputStream in, AtomicLong read) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    read.addAndGet(n);
                }
                return n;
            }
        };
    }
}
