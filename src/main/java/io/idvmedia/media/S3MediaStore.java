package io.idvmedia.media;

import static io.idvmedia.media.S3Calls.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.telemetry.OperationContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHold;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;
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
public final class S3MediaStore implements MediaStore {

    private static final Logger LOG = Logger.getLogger(S3MediaStore.class);
    /** The query parameter of a presigned URL that names the grant subject it was made for (in the access log). */
    public static final String SUBJECT_PARAMETER = "x-idv-subject";
    private static final String PUT = "s3:PutObject on the copies' prefix";
    private static final String LIST = "s3:ListBucket on the copies' prefix";
    private static final String LIST_UPLOADS = "s3:ListBucketMultipartUploads on the bucket";
    private static final String DELETE = "s3:DeleteObject on the copies' prefix";
    private static final String RECORD_DELETION = "s3:PutObject on the deletion markers' prefix";
    private static final String WRITE_RECORD = "s3:PutObject on the records' prefix";
    private static final String DELETE_RECORD = "s3:DeleteObject on the records' prefix";
    private static final String LIST_RECORDS = "s3:ListBucket on the records' prefix";
    private static final String LIST_VERSIONS = "s3:ListBucketVersions on the archive's prefix";
    private static final String LEGAL_HOLD = "s3:PutObjectLegalHold on the archive's prefix";
    private static final String TAG = "s3:PutObjectTagging on the copies' prefix";
    /** The most keys one DeleteObjects takes. */
    private static final int MAX_KEYS = 1000;
    /** The tag the bucket's expiry rules select copies by; a held session's copies carry it as {@code no}. */
    public static final String EXPIRY_TAG = "idv-expire";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final String deletionsPrefix;
    private final String recordsPrefix;
    private final S3PartUpload parts;
    private final S3Claims claims;
    private final Optional<ServerSideEncryption> encryption;
    private final Optional<String> kmsKeyId;
    private final Optional<String> archivePrefix;
    private final Optional<ServerSideEncryption> archiveEncryption;
    private final Optional<String> archiveKmsKeyId;
    private final boolean objectLock;
    private final boolean expiryTags;
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
        this.prefix = S3Calls.slashed(config.prefix());
        this.deletionsPrefix = S3Calls.slashed(config.deletionsPrefix());
        this.recordsPrefix = S3Calls.slashed(config.recordsPrefix());
        String sse = config.serverSideEncryption();
        this.encryption = sse.equalsIgnoreCase("none") ? Optional.empty()
                : Optional.of(ServerSideEncryption.fromValue(sse));
        this.kmsKeyId = config.kmsKeyId();
        this.archivePrefix = archive.enabled() ? Optional.of(S3Calls.slashed(archive.prefix())) : Optional.empty();
        this.archiveEncryption = archive.kmsKeyId().isPresent() ? Optional.of(ServerSideEncryption.AWS_KMS)
                : encryption;
        this.archiveKmsKeyId = archive.kmsKeyId().isPresent() ? archive.kmsKeyId() : kmsKeyId;
        this.objectLock = archive.objectLock();
        this.expiryTags = config.expiryTags();
        this.json = json;
        this.clock = clock;
        this.parts = new S3PartUpload(s3, bucket, config.partSize());
        this.claims = new S3Claims(s3, bucket, config.claimsPrefix(), b -> encrypt(b, false));
    }

    /** The claims kept beside the copies, under their own prefix. */
    public Claims claims() {
        return claims;
    }

    /** The archived copy when there is one (it outlives a staged copy), else the staged copy. */
    @Override
    public Optional<StagedMedia> find(StagedKey key) {
        Optional<StagedMedia> archived = archivePrefix.isPresent() ? manifest(key, true) : Optional.empty();
        return archived.isPresent() ? archived : manifest(key, false);
    }

    private Optional<StagedMedia> manifest(StagedKey key, boolean archived) {
        try {
            Optional<ResponseBytes<GetObjectResponse>> manifest = S3Calls.getIfPresent(s3, bucket,
                    root(archived) + StoreLayout.manifest(key), archived ? "archive" : "staged copies'");
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
        byte[] part = new byte[parts.partSize()];
        int n = copy.fill(part);
        if (n < part.length) {
            // All of it fits in one part: one PUT, nothing to abort.
            call(PUT, () -> s3.putObject(b -> copy(b.bucket(bucket).key(objectKey).contentType(contentType),
                    archived), RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, n), n)));
        } else {
            parts.upload(objectKey, b -> copy(b.contentType(contentType), archived), copy, part, n);
        }
        StagedMedia media = new StagedMedia(contentType, copy.count(), copy.sha256Hex(), startedAt, kind,
                keeping.reuseUntil(), archived);
        byte[] manifest = json.writeValueAsBytes(media);
        String manifestKey = root(archived) + StoreLayout.manifest(key);
        call(PUT, () -> s3.putObject(b -> copy(b.bucket(bucket).key(manifestKey).contentType("application/json"),
                archived), RequestBody.fromBytes(manifest)));
        boolean locking = archived && objectLock;
        if ((expiryTags || locking) && held(key.provider(), key.sessionId())) {
            // Staged or archived while its session is held: kept like the copies the hold found (checked once the
            // copy is complete, and the hold is written before it looks for copies, so that neither misses the other).
            if (expiryTags) {
                tag(objectKey, true);
                tag(manifestKey, true);
            }
            if (locking) {
                lockArchive(key.provider(), key.sessionId(), true);
            }
        }
        return media;
    }

    private boolean held(String provider, String sessionId) {
        return S3Calls.getIfPresent(s3, bucket, recordsPrefix + StoreLayout.holdRecord(provider, sessionId),
                "records'").isPresent();
    }

    /**
     * Keeps a held session's copies past their lifetimes, or gives them back to their expiry rules: each current copy
     * (staged and archived, with its manifests) re-tagged where copies carry the expiry tag, and every version of the
     * archived ones given an Object Lock legal hold where the bucket has Object Lock.
     */
    @Override
    public int holdCopies(String provider, String sessionId, boolean held) {
        int changed = 0;
        if (expiryTags) {
            for (String root : roots()) {
                for (S3Object object : list(root + StoreLayout.session(provider, sessionId))) {
                    tag(object.key(), held);
                    changed++;
                }
            }
        }
        return changed + (objectLock ? lockArchive(provider, sessionId, held) : 0);
    }

    private void tag(String objectKey, boolean held) {
        Tagging tagging = Tagging.builder().tagSet(Tag.builder().key(EXPIRY_TAG).value(held ? "no" : "yes").build())
                .build();
        call(TAG, () -> s3.putObjectTagging(b -> b.bucket(bucket).key(objectKey).tagging(tagging)));
    }

    /** Sets (or clears) the Object Lock legal hold of every version of a session's archived copies. */
    private int lockArchive(String provider, String sessionId, boolean on) {
        if (archivePrefix.isEmpty()) {
            return 0;
        }
        String sessionPrefix = archivePrefix.get() + StoreLayout.session(provider, sessionId);
        ObjectLockLegalHold status = ObjectLockLegalHold.builder()
                .status(on ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF).build();
        int set = 0;
        String keyMarker = null;
        String versionMarker = null;
        do {
            String keyAfter = keyMarker;
            String versionAfter = versionMarker;
            ListObjectVersionsResponse page = call(LIST_VERSIONS, () -> s3.listObjectVersions(b -> b.bucket(bucket)
                    .prefix(sessionPrefix).keyMarker(keyAfter).versionIdMarker(versionAfter)));
            for (ObjectVersion version : page.versions()) {
                call(LEGAL_HOLD, () -> s3.putObjectLegalHold(b -> b.bucket(bucket).key(version.key())
                        .versionId(version.versionId()).legalHold(status)));
                set++;
            }
            keyMarker = page.isTruncated() ? page.nextKeyMarker() : null;
            versionMarker = page.isTruncated() ? page.nextVersionIdMarker() : null;
        } while (keyMarker != null);
        return set;
    }

    @Override
    public MediaUrl presign(StagedKey key, StagedMedia media, Duration ttl, Optional<String> downloadName,
            Optional<String> subject) {
        ServedType served = ServedType.of(media.contentType());
        Consumer<GetObjectRequest.Builder> get = b -> {
            b.bucket(bucket).key(objectKey(key, media.archived())).responseContentType(served.contentType())
                    .responseCacheControl("private, no-store");
            served.contentDisposition(downloadName).ifPresent(b::responseContentDisposition);
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
    public List<RemovedCopy> deleteSession(String provider, String sessionId) {
        List<RemovedCopy> removed = new ArrayList<>();
        for (String root : roots()) {
            String sessionPrefix = root + StoreLayout.session(provider, sessionId);
            removed.addAll(purge(provider, sessionId, sessionPrefix));
            abortUploads(sessionPrefix);
        }
        return removed;
    }

    /**
     * Removes every object under a session's prefix; returns the copies among them, each described by its manifest
     * (read before it goes).
     */
    private List<RemovedCopy> purge(String provider, String sessionId, String sessionPrefix) {
        List<RemovedCopy> removed = new ArrayList<>();
        List<S3Object> objects = list(sessionPrefix);
        for (S3Object object : objects) {
            String name = object.key().substring(sessionPrefix.length());
            if (StoreLayout.isMediaData(name) && !name.contains("/")) {
                removed.add(removedCopy(new StagedKey(provider, sessionId, name), object));
            }
        }
        // DeleteObjects takes at most 1,000 keys, as many as a page of ListObjectsV2.
        for (int from = 0; from < objects.size(); from += MAX_KEYS) {
            deleteObjects(objects.subList(from, Math.min(objects.size(), from + MAX_KEYS)).stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList());
        }
        return removed;
    }

    /** Every object under a prefix, page after page (a session's copies: a few, never millions). */
    private List<S3Object> list(String keyPrefix) {
        List<S3Object> objects = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = call(LIST, () -> s3.listObjectsV2(b -> b.bucket(bucket)
                    .prefix(keyPrefix).continuationToken(continuation)));
            objects.addAll(page.contents());
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        return objects;
    }

    /** A copy about to be removed, with the SHA-256 its manifest recorded (absent when it has no readable one). */
    private RemovedCopy removedCopy(StagedKey key, S3Object object) {
        String root = object.key().substring(0, object.key().length() - StoreLayout.data(key).length());
        String sha256 = null;
        try {
            Optional<ResponseBytes<GetObjectResponse>> manifest = S3Calls.getIfPresent(s3, bucket,
                    root + StoreLayout.manifest(key), "copies'");
            if (manifest.isPresent()) {
                sha256 = json.readValue(manifest.get().asByteArray(), StagedMedia.class).sha256();
            }
        } catch (IOException | RuntimeException e) {
            // The copy goes all the same: its receipt lists it without a digest, and the log says why.
            LOG.warnf("The manifest of %s could not be read (%s); its removal is recorded without a digest",
                    key.path(), e instanceof IOException ? "unreadable" : StoreErrors.describe((Exception) e));
        }
        return new RemovedCopy(key.mediaId(), object.key(), object.size(), sha256);
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
                throw S3Calls.forbidden(DELETE, "DeleteObjects", null);
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
            parts.abort(upload.key(), upload.uploadId());
        }
    }

    @Override
    public void writeDeletionMarker(String name, Instant at) {
        call(RECORD_DELETION, () -> s3.putObject(b -> encrypt(b.bucket(bucket).key(deletionsPrefix + name)
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
        List<CompletableFuture<Optional<Instant>>> markers = StoreLayout.deletionMarkers(key).stream()
                .map(marker -> lookup(() -> deletionMarker(marker))).toList();
        return MediaStore.undeleted(join(archived).or(() -> join(staged)),
                markers.stream().map(S3MediaStore::join).toList());
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
    public Optional<Instant> deletionMarker(String name) {
        return S3Calls.getIfPresent(s3, bucket, deletionsPrefix + name, "deletion markers'")
                .map(marker -> Instant.ofEpochMilli(Long.parseLong(marker.asUtf8String().strip())));
    }

    @Override
    public List<RemovedCopy> deleteMedia(StagedKey key) {
        List<RemovedCopy> removed = new ArrayList<>();
        for (String root : roots()) {
            String objectKey = root + StoreLayout.data(key);
            ListObjectsV2Response found = call(LIST, () -> s3.listObjectsV2(b -> b.bucket(bucket)
                    .prefix(objectKey)));
            List<S3Object> objects = found.contents().stream()
                    .filter(o -> o.key().equals(objectKey) || o.key().equals(root + StoreLayout.manifest(key)))
                    .toList();
            objects.stream().filter(o -> o.key().equals(objectKey)).findFirst()
                    .ifPresent(data -> removed.add(removedCopy(key, data)));
            deleteObjects(objects.stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList());
            abortUploads(objectKey);
        }
        return removed;
    }

    @Override
    public void writeSessionManifest(String provider, String sessionId, byte[] manifest, boolean archived) {
        String objectKey = root(archived) + StoreLayout.sessionManifest(provider, sessionId);
        call(PUT, () -> s3.putObject(b -> copy(b.bucket(bucket).key(objectKey).contentType("application/json"),
                archived), RequestBody.fromBytes(manifest)));
    }

    @Override
    public Optional<byte[]> readRecord(String name) {
        return S3Calls.getIfPresent(s3, bucket, recordsPrefix + name, "records'").map(ResponseBytes::asByteArray);
    }

    @Override
    public void writeRecord(String name, byte[] bytes) {
        call(WRITE_RECORD, () -> s3.putObject(b -> encrypt(b.bucket(bucket).key(recordsPrefix + name)
                .contentType("application/json")), RequestBody.fromBytes(bytes)));
    }

    /**
     * S3 refuses a PutObject with Object Lock parameters that carries no digest of its body ("Content-MD5 HTTP header
     * is required for Put Object requests with Object Lock parameters"), and this client computes checksums only where
     * an operation requires one: a locked record carries its Content-MD5.
     */
    @Override
    public void writeRetainedRecord(String name, byte[] bytes, Optional<Instant> retainUntil, String lockMode) {
        call(WRITE_RECORD, () -> s3.putObject(b -> {
            encrypt(b.bucket(bucket).key(recordsPrefix + name).contentType("application/json"));
            retainUntil.ifPresent(until -> b.objectLockMode(ObjectLockMode.fromValue(lockMode))
                    .objectLockRetainUntilDate(until).contentMD5(md5(bytes)));
        }, RequestBody.fromBytes(bytes)));
    }

    private static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is unavailable", e);
        }
    }

    @Override
    public void deleteRecord(String name) {
        call(DELETE_RECORD, () -> s3.deleteObject(b -> b.bucket(bucket).key(recordsPrefix + name)));
    }

    @Override
    public List<String> listRecords(String namePrefix, Optional<String> after, int max) {
        ListObjectsV2Response page = call(LIST_RECORDS, () -> s3.listObjectsV2(b -> {
            b.bucket(bucket).prefix(recordsPrefix + namePrefix).maxKeys(max);
            after.ifPresent(name -> b.startAfter(recordsPrefix + name));
        }));
        return page.contents().stream().map(o -> o.key().substring(recordsPrefix.length())).toList();
    }

    /** The prefixes copies live under: the staged copies', and the archive's when there is one. */
    private List<String> roots() {
        return archivePrefix.map(archive -> List.of(prefix, archive)).orElse(List.of(prefix));
    }

    String objectKey(StagedKey key) {
        return objectKey(key, false);
    }

    private String objectKey(StagedKey key, boolean archived) {
        return root(archived) + StoreLayout.data(key);
    }

    private String root(boolean archived) {
        return archived ? archivePrefix.orElseThrow() : prefix;
    }

    private <B> B encrypt(B builder) {
        return encrypt(builder, false);
    }

    /** A copy's write: encrypted, and tagged for its expiry rule where copies carry the tag. */
    private <B> B copy(B builder, boolean archived) {
        encrypt(builder, archived);
        if (expiryTags && builder instanceof PutObjectRequest.Builder put) {
            put.tagging(EXPIRY_TAG + "=yes");
        } else if (expiryTags && builder instanceof CreateMultipartUploadRequest.Builder create) {
            create.tagging(EXPIRY_TAG + "=yes");
        }
        return builder;
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
