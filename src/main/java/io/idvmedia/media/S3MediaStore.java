package io.idvmedia.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.StoreForbiddenException;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.telemetry.OperationContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Staged copies in S3: the bytes at {@code {prefix}/{provider}/{sessionId}/{mediaId}}, uploaded in fixed-size
 * parts (at most three in memory, the next read while one uploads) with server-side encryption requested, and a
 * manifest beside them written after the upload completed. A failure midway aborts the multipart upload, so S3
 * never holds a partial object; URLs are presigned GETs, made locally. Deletion markers live under a prefix of their
 * own ({@code idv.media.s3.deletions-prefix}), which the bucket keeps longer than any copy; claims under theirs.
 *
 * <p>S3 answers a GET of an absent key with 403 AccessDenied, not 404, to a role that may not list the key's prefix:
 * every refusal is reported as {@link StoreForbiddenException} naming the permission, never as the store being
 * unavailable.
 */
public final class S3MediaStore implements MediaStore, Claims {

    private static final Logger LOG = Logger.getLogger(S3MediaStore.class);
    /** The query parameter of a presigned URL that names the grant subject it was made for (in the access log). */
    public static final String SUBJECT_PARAMETER = "x-idv-subject";
    private static final String MANIFEST = ".manifest.json";
    private static final String PUT = "s3:PutObject on the copies' prefix";
    private static final String LIST = "s3:ListBucket on the copies' prefix";
    private static final String LIST_UPLOADS = "s3:ListBucketMultipartUploads on the bucket";
    private static final String DELETE = "s3:DeleteObject on the copies' prefix";
    private static final String RECORD_DELETION = "s3:PutObject on the deletion markers' prefix";
    private static final String CLAIM = "s3:PutObject, s3:GetObject and s3:DeleteObject on the claims' prefix";
    /** Parts of one staging in memory at once: one being read, one uploading, one waiting. */
    static final int PARTS_IN_MEMORY = 3;
    /** S3's smallest part but the last. */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    private static final long UPLOAD_WAIT_SECONDS = 60;
    /** Parts of one staging uploading at once. */
    private static final int UPLOADERS = 2;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final String deletionsPrefix;
    private final String claimsPrefix;
    private final int partSize;
    private final Optional<ServerSideEncryption> encryption;
    private final Optional<String> kmsKeyId;
    private final Optional<String> archivePrefix;
    private final Optional<ServerSideEncryption> archiveEncryption;
    private final Optional<String> archiveKmsKeyId;
    private final ObjectMapper json;
    private final Clock clock;
    /** Threads for the small lookups of a cache hit, made as needed and ended when idle. */
    private final ExecutorService lookups = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "idv-s3-lookup");
        thread.setDaemon(true);
        return thread;
    });

    public S3MediaStore(S3Client s3, S3Presigner presigner, MediaConfig.S3 config, ArchiveConfig archive,
            ObjectMapper json, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = config.bucket().orElseThrow();
        this.prefix = slashed(config.prefix());
        this.deletionsPrefix = slashed(config.deletionsPrefix());
        this.claimsPrefix = slashed(config.claimsPrefix());
        this.partSize = Math.max(MIN_PART_SIZE, config.partSize());
        String sse = config.serverSideEncryption();
        this.encryption = sse.equalsIgnoreCase("none") ? Optional.empty()
                : Optional.of(ServerSideEncryption.fromValue(sse));
        this.kmsKeyId = config.kmsKeyId();
        this.archivePrefix = archive.enabled() ? Optional.of(slashed(archive.prefix())) : Optional.empty();
        this.archiveEncryption = archive.kmsKeyId().isPresent() ? Optional.of(ServerSideEncryption.AWS_KMS)
                : encryption;
        this.archiveKmsKeyId = archive.kmsKeyId().isPresent() ? archive.kmsKeyId() : kmsKeyId;
        this.json = json;
        this.clock = clock;
    }

    /** The archived copy when there is one (it outlives a staged copy), else the staged copy. */
    @Override
    public Optional<StagedMedia> find(StagedKey key) {
        Optional<StagedMedia> archived = archivePrefix.isPresent() ? manifest(key, true) : Optional.empty();
        return archived.isPresent() ? archived : manifest(key, false);
    }

    private Optional<StagedMedia> manifest(StagedKey key, boolean archived) {
        try {
            Optional<ResponseBytes<GetObjectResponse>> manifest = getIfPresent(objectKey(key, archived) + MANIFEST,
                    archived ? "archive" : "staged copies'");
            if (manifest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(json.readValue(manifest.get().asByteArray(), StagedMedia.class));
        } catch (IOException e) {
            LOG.warnf("The manifest of %s is unreadable; staging again", key.path());
            return Optional.empty();
        }
    }

    @Override
    public StagedMedia stage(StagedKey key, String contentType, MediaKind kind, InputStream body, Instant startedAt,
            Keeping keeping) throws IOException {
        boolean archived = keeping.archive();
        if (archived && archivePrefix.isEmpty()) {
            throw new IllegalStateException("Archiving needs idv.archive.enabled");
        }
        String objectKey = objectKey(key, archived);
        StagingCopy copy = new StagingCopy(body);
        byte[] part = new byte[partSize];
        int n = copy.fill(part);
        if (n < partSize) {
            // All of it fits in one part: one PUT, nothing to abort.
            call(PUT, () -> s3.putObject(b -> encrypt(b.bucket(bucket).key(objectKey).contentType(contentType),
                    archived), RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, n), n)));
        } else {
            uploadInParts(objectKey, contentType, copy, part, n, archived);
        }
        StagedMedia media = new StagedMedia(contentType, copy.count(), copy.sha256Hex(), startedAt, kind,
                keeping.reuseUntil(), archived);
        byte[] manifest = json.writeValueAsBytes(media);
        call(PUT, () -> s3.putObject(b -> encrypt(b.bucket(bucket).key(objectKey + MANIFEST)
                .contentType("application/json"), archived), RequestBody.fromBytes(manifest)));
        return media;
    }

    /**
     * Uploads the body in parts, pipelined: while one part uploads, the next is read from the provider, so that
     * staging takes about as long as the slower of the two rather than their sum. Up to {@value #UPLOADERS} parts
     * upload at once, on threads of this staging's own (one request's round trips then never hold the reading back);
     * at most {@value #PARTS_IN_MEMORY} parts are in memory (one being read, the others uploading or waiting). Any
     * failure, reading or uploading, waits for the uploads in flight, then aborts the multipart upload.
     */
    private void uploadInParts(String objectKey, String contentType, StagingCopy copy, byte[] first, int firstLength,
            boolean archived) throws IOException {
        String uploadId = call(PUT, () -> s3.createMultipartUpload(b -> encrypt(b.bucket(bucket).key(objectKey)
                .contentType(contentType), archived))).uploadId();
        ExecutorService uploader = Executors.newFixedThreadPool(UPLOADERS, task -> {
            Thread thread = new Thread(task, "idv-s3-part-upload");
            thread.setDaemon(true);
            return thread;
        });
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(PARTS_IN_MEMORY);
        List<Future<CompletedPart>> uploads = new ArrayList<>();
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
                        String etag = call(PUT, () -> s3.uploadPart(b -> b.bucket(bucket).key(objectKey)
                                .uploadId(uploadId).partNumber(partNumber).contentLength((long) length),
                                RequestBody.fromInputStream(new ByteArrayInputStream(bytes, 0, length), length)))
                                .eTag();
                        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
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
            List<CompletedPart> parts = new ArrayList<>();
            for (Future<CompletedPart> upload : uploads) {
                parts.add(result(upload));
            }
            call(PUT, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))));
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
    private static void failIfAnyFailed(List<Future<CompletedPart>> uploads, AtomicReference<RuntimeException> failed) {
        if (failed.get() != null) {
            throw failed.get();
        }
        for (Future<CompletedPart> upload : uploads) {
            if (upload.isDone()) {
                result(upload);
            }
        }
    }

    private static CompletedPart result(Future<CompletedPart> upload) {
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

    /** Lets the upload in flight end (the SDK call cannot be cut short), and drops the ones not started. */
    private static void finishUploads(ExecutorService uploader) {
        uploader.shutdownNow();
        try {
            uploader.awaitTermination(UPLOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void abort(String objectKey, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (RuntimeException e) {
            // The bucket's lifecycle rule for incomplete uploads removes what this could not.
            LOG.warnf("Could not abort the multipart upload of %s (%s)", objectKey, e.getClass().getSimpleName());
        }
    }

    @Override
    public MediaUrl presign(StagedKey key, StagedMedia media, Duration ttl, Optional<String> downloadName,
            URI requestBase, Optional<String> subject) {
        ServedType served = ServedType.of(media.contentType());
        Consumer<GetObjectRequest.Builder> get = b -> {
            b.bucket(bucket).key(objectKey(key, media.archived())).responseContentType(served.contentType())
                    .responseCacheControl("private, no-store");
            downloadName.ifPresent(name -> b.responseContentDisposition("attachment; filename=\"" + name + "\""));
            if (downloadName.isEmpty() && served.attachment()) {
                b.responseContentDisposition("attachment");
            }
            // S3 ignores query parameters that begin with "x-" but writes them into its server access log: signed
            // here, so the log's record of each fetch names the subject the URL was made for, and no holder can
            // change it.
            subject.ifPresent(s -> b.overrideConfiguration(o -> o.putRawQueryParameter(SUBJECT_PARAMETER, s)));
        };
        Instant signedAt = clock.instant();
        String url = presigner.presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(get)).url().toString();
        return new MediaUrl(url, signedAt.plus(ttl), served.contentType(), media.contentLength(), media.sha256());
    }

    @Override
    public List<String> deleteSession(String provider, String sessionId) {
        List<String> removed = new ArrayList<>();
        for (String root : roots()) {
            String sessionPrefix = root + StagedKey.sessionPath(provider, sessionId);
            for (String name : purge(sessionPrefix)) {
                if (!name.endsWith(MANIFEST) && !removed.contains(name)) {
                    removed.add(name);
                }
            }
            abortUploads(sessionPrefix);
        }
        return removed;
    }

    /** Removes every object under a session's prefix; returns their names. */
    private List<String> purge(String sessionPrefix) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = call(LIST, () -> s3.listObjectsV2(b -> b.bucket(bucket)
                    .prefix(sessionPrefix).continuationToken(continuation)));
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (S3Object object : page.contents()) {
                batch.add(ObjectIdentifier.builder().key(object.key()).build());
                names.add(object.key().substring(sessionPrefix.length()));
            }
            deleteObjects(batch);
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        return names;
    }

    /**
     * Removes objects in one request. DeleteObjects answers 200 even when some keys could not be removed (each with
     * its own error): those are a failure too, so that the delete is retried rather than reported done.
     */
    private void deleteObjects(List<ObjectIdentifier> batch) {
        if (batch.isEmpty()) {
            return;
        }
        DeleteObjectsResponse result = call(DELETE, () -> s3.deleteObjects(b -> b.bucket(bucket)
                .delete(Delete.builder().objects(batch).quiet(true).build())));
        if (result.hasErrors() && !result.errors().isEmpty()) {
            S3Error first = result.errors().get(0);
            if ("AccessDenied".equals(first.code())) {
                throw forbidden(DELETE, "DeleteObjects", null);
            }
            throw new IllegalStateException(result.errors().size() + " of " + batch.size() + " objects could not be"
                    + " removed (S3 error code " + first.code() + ")");
        }
    }

    /** Aborts staging uploads still running under a prefix, so that none completes after its delete. */
    private void abortUploads(String keyPrefix) {
        ListMultipartUploadsResponse uploads = call(LIST_UPLOADS, () -> s3.listMultipartUploads(b -> b.bucket(bucket)
                .prefix(keyPrefix)));
        for (MultipartUpload upload : uploads.uploads()) {
            abort(upload.key(), upload.uploadId());
        }
    }

    @Override
    public void markDeleted(String provider, String sessionId, Optional<String> mediaId, Instant at) {
        String objectKey = deletionsPrefix + StagedKey.sessionPath(provider, sessionId)
                + LocalMediaStore.tombstone(mediaId);
        call(RECORD_DELETION, () -> s3.putObject(b -> encrypt(b.bucket(bucket).key(objectKey)
                .contentType("text/plain")), RequestBody.fromString(Long.toString(at.toEpochMilli()))));
    }

    /**
     * The manifest(s) and both deletion markers asked for at once: a cache hit costs one round trip to S3, not three
     * or four one after the other.
     */
    @Override
    public Optional<StagedMedia> findUndeleted(StagedKey key) {
        CompletableFuture<Optional<StagedMedia>> archived = archivePrefix.isPresent()
                ? lookup(() -> manifest(key, true))
                : CompletableFuture.completedFuture(Optional.empty());
        CompletableFuture<Optional<StagedMedia>> staged = lookup(() -> manifest(key, false));
        List<CompletableFuture<Optional<Instant>>> markers = markerKeys(key).stream()
                .map(marker -> lookup(() -> marker(marker))).toList();
        Optional<StagedMedia> found = join(archived).or(() -> join(staged));
        Optional<Instant> deleted = latest(markers.stream().map(S3MediaStore::join).toList());
        return found.filter(media -> deleted.map(at -> at.isBefore(media.stagedAt())).orElse(true));
    }

    /** A small read on the lookup threads, in the caller's function. */
    private <T> CompletableFuture<T> lookup(Supplier<T> read) {
        return CompletableFuture.supplyAsync(OperationContext.carrySupplier(read), lookups);
    }

    private static <T> T join(CompletableFuture<T> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Override
    public Optional<Instant> deletedAt(StagedKey key) {
        return latest(markerKeys(key).stream().map(this::marker).toList());
    }

    private static Optional<Instant> latest(List<Optional<Instant>> markers) {
        return markers.stream().flatMap(Optional::stream).max(Instant::compareTo);
    }

    /** The deletion markers that concern a media: its session's, and its own. */
    private List<String> markerKeys(StagedKey key) {
        String session = deletionsPrefix + StagedKey.sessionPath(key.provider(), key.sessionId());
        return List.of(session + LocalMediaStore.tombstone(Optional.empty()),
                session + LocalMediaStore.tombstone(Optional.of(key.mediaId())));
    }

    private Optional<Instant> marker(String objectKey) {
        return getIfPresent(objectKey, "deletion markers'")
                .map(marker -> Instant.ofEpochMilli(Long.parseLong(marker.asUtf8String().strip())));
    }

    /**
     * An object that may not exist. S3 tells a missing key (404) only to a role that may list its prefix; to any
     * other it answers 403, which is reported as the permission it lacks, never taken for absence or an outage.
     */
    private Optional<ResponseBytes<GetObjectResponse>> getIfPresent(String objectKey, String where) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey)));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw forbidden("s3:GetObject and s3:ListBucket on the " + where + " prefix (without ListBucket, S3"
                        + " answers 403 for a key that does not exist)", "GetObject", e);
            }
            throw e;
        }
    }

    @Override
    public boolean deleteMedia(StagedKey key) {
        boolean removed = false;
        for (String root : roots()) {
            String objectKey = root + key.path();
            ListObjectsV2Response found = call(LIST, () -> s3.listObjectsV2(b -> b.bucket(bucket)
                    .prefix(objectKey)));
            List<ObjectIdentifier> batch = found.contents().stream()
                    .filter(o -> o.key().equals(objectKey) || o.key().equals(objectKey + MANIFEST))
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            deleteObjects(batch);
            abortUploads(objectKey);
            removed |= batch.stream().anyMatch(o -> o.key().equals(objectKey));
        }
        return removed;
    }

    @Override
    public void writeSessionManifest(String provider, String sessionId, byte[] manifest, boolean archived) {
        String objectKey = (archived ? archivePrefix.orElseThrow() : prefix) + StagedKey.sessionPath(provider,
                sessionId) + StagedKey.SESSION_MANIFEST;
        call(PUT, () -> s3.putObject(b -> encrypt(b.bucket(bucket).key(objectKey).contentType("application/json"),
                archived), RequestBody.fromBytes(manifest)));
    }

    /**
     * A conditional write: {@code If-None-Match: *} creates the claim only where there is none; a claim older than
     * its window is taken over with {@code If-Match} on the ETag read, so that of two callers only one wins.
     */
    @Override
    public boolean claim(String name, Instant now, Duration window) {
        String objectKey = claimsPrefix + name;
        RequestBody since = RequestBody.fromString(Long.toString(now.toEpochMilli()));
        if (conditionalPut(objectKey, since, b -> b.ifNoneMatch("*"))) {
            return true;
        }
        Optional<ResponseBytes<GetObjectResponse>> held = getIfPresent(objectKey, "claims'");
        if (held.isEmpty()) {
            // Released between the two calls: whoever writes first now wins.
            return conditionalPut(objectKey, since, b -> b.ifNoneMatch("*"));
        }
        Instant heldSince;
        try {
            heldSince = Instant.ofEpochMilli(Long.parseLong(held.get().asUtf8String().strip()));
        } catch (NumberFormatException e) {
            heldSince = Instant.EPOCH;
        }
        if (heldSince.plus(window).isAfter(now)) {
            return false;
        }
        String etag = held.get().response().eTag();
        return conditionalPut(objectKey, since, b -> b.ifMatch(etag));
    }

    /** Whether the conditional write happened; false when its condition failed (or a concurrent write won). */
    private boolean conditionalPut(String objectKey, RequestBody body, Consumer<PutObjectRequest.Builder> condition) {
        try {
            call(CLAIM, () -> s3.putObject(b -> {
                condition.accept(b);
                encrypt(b.bucket(bucket).key(objectKey).contentType("text/plain"));
            }, body));
            return true;
        } catch (S3Exception e) {
            // 412: the condition failed; 409: another conditional write to the key was in flight.
            if (e.statusCode() == 412 || e.statusCode() == 409 || e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void release(String name) {
        call(CLAIM, () -> s3.deleteObject(b -> b.bucket(bucket).key(claimsPrefix + name)));
    }

    /** A call to S3 whose 403 is reported as the permission the role lacks (see {@link #forbidden}). */
    private static <T> T call(String permission, Supplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw forbidden(permission, "a request", e);
            }
            throw e;
        }
    }

    private static StoreForbiddenException forbidden(String permission, String request, Throwable cause) {
        LOG.errorf("S3 refused %s with 403 AccessDenied: the function's role needs %s (see infra/iam.tf)", request,
                permission);
        return new StoreForbiddenException(permission, cause);
    }

    /** The prefixes copies live under: the staged copies', and the archive's when there is one. */
    private List<String> roots() {
        return archivePrefix.map(archive -> List.of(prefix, archive)).orElse(List.of(prefix));
    }

    private static String slashed(String prefix) {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    String objectKey(StagedKey key) {
        return objectKey(key, false);
    }

    private String objectKey(StagedKey key, boolean archived) {
        return (archived ? archivePrefix.orElseThrow() : prefix) + key.path();
    }

    private <B> B encrypt(B builder) {
        return encrypt(builder, false);
    }

    private <B> B encrypt(B builder, boolean archived) {
        Optional<ServerSideEncryption> sse = archived ? archiveEncryption : encryption;
        Optional<String> kms = archived ? archiveKmsKeyId : kmsKeyId;
        if (builder instanceof PutObjectRequest.Builder put) {
            sse.ifPresent(put::serverSideEncryption);
            kms.ifPresent(put::ssekmsKeyId);
        } else if (builder instanceof CreateMultipartUploadRequest.Builder create) {
            sse.ifPresent(create::serverSideEncryption);
            kms.ifPresent(create::ssekmsKeyId);
        }
        return builder;
    }
}
