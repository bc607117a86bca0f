package io.idvmedia.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.sandbox.GeneratedMedia;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The multipart abort path, which S3Proxy cannot be made to take on demand: an {@link S3Client} whose third
 * {@code uploadPart} fails (Mockito, at a seam that has no server of its own here).
 */
class S3MultipartAbortTest {

    private static final int PART = S3PartUpload.MIN_PART_SIZE;

    @Test
    void shouldAbortTheUploadStopReadingAndWriteNoManifestWhenAPartFails() {
        // GIVEN an S3 whose third part upload fails
        S3Client s3 = mock(S3Client.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
        doReturn(CreateMultipartUploadResponse.builder().uploadId("upload-1").build())
                .when(s3).createMultipartUpload(any(CreateMultipartUploadRequest.class));
        // (a later part never finishes: it keeps its buffer until the failure's clean-up interrupts it, so that
        // how far reading goes past the failure depends on the buffers alone, never on how the threads are
        // scheduled; parts finishing while part 3's failure was still on its way let the reader read 9 parts once)
        CountDownLatch never = new CountDownLatch(1);
        doAnswer(call -> {
            int number = call.<UploadPartRequest>getArgument(0).partNumber();
            if (number == 3) {
                throw S3Exception.builder().statusCode(500).message("injected failure of part 3").build();
            }
            if (number > 3 && !never.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("part " + number + " was never interrupted");
            }
            return UploadPartResponse.builder().eTag("etag-" + number).build();
        }).when(s3).uploadPart(any(UploadPartRequest.class), any(RequestBody.class));
        doReturn(AbortMultipartUploadResponse.builder().build())
                .when(s3).abortMultipartUpload(any(AbortMultipartUploadRequest.class));
        S3MediaStore store = new S3MediaStore(s3, mock(S3Presigner.class), s3Config(), noArchive(),
                new ObjectMapper().findAndRegisterModules(), Clock.systemUTC());
        // AND a body of twenty parts, counted as it is read
        long size = 20L * PART;
        AtomicLong read = new AtomicLong();
        InputStream body = counted(GeneratedMedia.mp4(size, 9), read);

        // WHEN it is staged
        assertThatThrownBy(() -> store.stage(new StagedKey("yoti", "11111111-1111-4111-8111-111111111111",
                "a4000000-0000-4000-8000-000000000001"), "video/mp4", MediaKind.SELFIE_VIDEO, body, Instant.now(),
                Keeping.ON_DEMAND)).isInstanceOf(S3Exception.class).hasMessageContaining("part 3");

        // THEN the multipart upload is aborted, by its id, and never completed
        ArgumentCaptor<AbortMultipartUploadRequest> abort = ArgumentCaptor.forClass(AbortMultipartUploadRequest.class);
        verify(s3).abortMultipartUpload(abort.capture());
        assertThat(abort.getValue().uploadId()).isEqualTo("upload-1");
        verify(s3, never()).completeMultipartUpload(any(CompleteMultipartUploadRequest.class));
        // AND no manifest says a copy exists
        verify(s3, never()).putObject(any(PutObjectRequest.class), any(RequestBody.class));
        // AND reading stopped soon after the failure, not at the end of the body: at most the parts in memory (and
        // the one being read) past the failed one
        assertThat(read.get()).isLessThanOrEqualTo((3L + S3PartUpload.PARTS_IN_MEMORY + 1) * PART);
    }

    private static MediaConfig.S3 s3Config() {
        MediaConfig.S3 config = mock(MediaConfig.S3.class);
        when(config.bucket()).thenReturn(Optional.of("staged-bucket"));
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
