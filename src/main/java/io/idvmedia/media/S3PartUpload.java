package io.idvmedia.media;

import static io.idvmedia.media.S3Calls.call;

import io.idvmedia.telemetry.OperationContext;
import io.idvmedia.aws.SignedHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * A staged copy too large for one PUT, uploaded to S3 in fixed-size parts: all or nothing (a failure aborts the
 * multipart upload, so S3 never holds a partial object), in at most {@value #PARTS_IN_MEMORY} parts' memory.
 */
final class S3PartUpload {

    private static final Logger LOG = Logger.getLogger(S3PartUpload.class);
    /** Parts of one staging in memory at once: one being read, one uploading, one waiting. */
    static final int PARTS_IN_MEMORY = 3;
    /** S3's smallest part but the last. */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    private static final long UPLOAD_WAIT_SECONDS = 60;
    /** Parts of one staging uploading at once. */
    private static final int UPLOADERS = 2;
    private static final String PUT = "s3:PutObject on the copies' prefix";

    private final S3Api s3;
    private final int partSize;

    S3PartUpload(S3Api s3, int partSize) {
        this.s3 = s3;
        this.partSize = Math.max(MIN_PART_SIZE, partSize);
    }

    /** The size of each part but the last; a body shorter than one part is written with one PUT instead. */
    int partSize() {
        return partSize;
    }

    /**
     * Uploads the body in parts, pipelined: while one part uploads, the next is read from the provider, so that
     * staging takes about as long as the slower of the two rather than their sum. Up to {@value #UPLOADERS} parts
     * upload at once, on threads of this staging's own (one request's round trips then never hold the reading back);
     * at most {@value #PARTS_IN_MEMORY} parts are in memory (one being read, the others uploading or waiting). Any
     * failure, reading or uploading, waits for the uploads in flight, then aborts the multipart upload.
     */
    void upload(String objectKey, Map<String, String> headers, StagingCopy copy, byte[] first, int firstLength)
            throws IOException {
        String uploadId = call(PUT, () -> s3.createUpload(objectKey, headers));
        ExecutorService uploader = Executors.newFixedThreadPool(UPLOADERS, task -> {
            Thread thread = new Thread(task, "idv-s3-part-upload");
            thread.setDaemon(true);
            return thread;
        });
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(PARTS_IN_MEMORY);
        List<Future<S3Api.Part>> uploads = new ArrayList<>();
        // Set by a failed upload before it gives its buffer back, so that the reader, which waits for a buffer, sees
        // the failure before it reads another part (a future completes only after its buffer is back).
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        try {
            byte[] part = first;
            int n = firstLength;
            int allocated = 1;
            for (int number = 1; n > 0; number++) {
                int partNumber = number;
                int length = n;
                byte[] bytes = part;
                uploads.add(uploader.submit(OperationContext.carryCall(() -> {
                    try {
                        String etag = call(PUT, () -> s3.uploadPart(objectKey, uploadId, partNumber,
                                new SignedHttp.Body(bytes, 0, length)));
                        return new S3Api.Part(partNumber, etag);
                    } catch (RuntimeException e) {
                        failed.compareAndSet(null, e);
                        throw e;
                    } finally {
                        free.add(bytes);
                    }
                })));
                failIfAnyFailed(uploads, failed);
                part = free.poll();
                if (part == null && allocated < PARTS_IN_MEMORY) {
                    part = new byte[partSize];
                    allocated++;
                } else if (part == null) {
                    part = free.take();
                }
                failIfAnyFailed(uploads, failed);
                n = copy.fill(part);
            }
            List<S3Api.Part> parts = new ArrayList<>();
            for (Future<S3Api.Part> upload : uploads) {
                parts.add(result(upload));
            }
            S3Calls.run(PUT, () -> s3.completeUpload(objectKey, uploadId, parts));
        } catch (IOException | RuntimeException e) {
            finishUploads(uploader);
            abort(objectKey, uploadId);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finishUploads(uploader);
            abort(objectKey, uploadId);
            throw new IOException("Interrupted while staging " + objectKey, e);
        } finally {
            uploader.shutdown();
        }
    }

    /** Rethrows the failure of an upload, so that reading stops as soon as an upload failed. */
    private static void failIfAnyFailed(List<Future<S3Api.Part>> uploads, AtomicReference<RuntimeException> failed) {
        if (failed.get() != null) {
            throw failed.get();
        }
        for (Future<S3Api.Part> upload : uploads) {
            if (upload.isDone()) {
                result(upload);
            }
        }
    }

    private static S3Api.Part result(Future<S3Api.Part> upload) {
        try {
            return upload.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("A part upload failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a part uploaded", e);
        }
    }

    /** Lets the upload in flight end (a request being sent cannot be cut short), and drops the ones not started. */
    private static void finishUploads(ExecutorService uploader) {
        uploader.shutdownNow();
        try {
            uploader.awaitTermination(UPLOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void abort(String objectKey, String uploadId) {
        try {
            s3.abortUpload(objectKey, uploadId);
        } catch (RuntimeException e) {
            // The bucket's lifecycle rule for incomplete uploads removes what this could not.
            LOG.warnf("Could not abort the multipart upload of %s (%s)", objectKey, e.getClass().getSimpleName());
        }
    }
}
