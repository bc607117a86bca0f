package io.idvmedia.media;

import static io.idvmedia.media.S3Calls.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.aws.SignedHttp;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.provider.MediaKind;
import io.idvmedia.telemetry.OperationContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

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

    private static final Set<String> ENCRYPTIONS = Set.of("AES256", "aws:kms", "aws:kms:dsse");
    private static final String SSE = "x-amz-server-side-encryption";
    private static final String SSE_KMS_KEY = "x-amz-server-side-encryption-aws-kms-key-id";

    private final S3Api s3;
    private final String prefix;
    private final String deletionsPrefix;
    private final String recordsPrefix;
    private final S3PartUpload parts;
    private final S3Claims claims;
    private final Optional<String> encryption;
    private final Optional<String> kmsKeyId;
    private final Optional<String> archivePrefix;
    private final Optional<String> archiveEncryption;
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

    S3MediaStore(S3Api s3, MediaConfig.S3 config, ArchiveConfig archive, ObjectMapper json, Clock clock) {
        this.s3 = s3;
        this.prefix = S3Calls.slashed(config.prefix());
        this.deletionsPrefix = S3Calls.slashed(config.deletionsPrefix());
        this.recordsPrefix = S3Calls.slashed(config.recordsPrefix());
        String sse = config.serverSideEncryption();
        if (!sse.equalsIgnoreCase("none") && !ENCRYPTIONS.contains(sse)) {
            throw new NotConfiguredException("idv.media.s3.server-side-encryption must be AES256, aws:kms,"
                    + " aws:kms:dsse or none");
        }
        this.encryption = sse.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(sse);
        this.kmsKeyId = config.kmsKeyId();
        this.archivePrefix = archive.enabled() ? Optional.of(S3Calls.slashed(archive.prefix())) : Optional.empty();
        this.archiveEncryption = archive.kmsKeyId().isPresent() ? Optional.of("aws:kms")
                : encryption;
        this.archiveKmsKeyId = archive.kmsKeyId().isPresent() ? archive.kmsKeyId() : kmsKeyId;
        this.objectLock = archive.objectLock();
        this.expiryTags = config.expiryTags();
        this.json = json;
        this.clock = clock;
        this.parts = new S3PartUpload(s3, config.partSize());
        this.claims = new S3Claims(s3, config.claimsPrefix(), encryption(false));
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
            Optional<S3Api.Fetched> manifest = S3Calls.getIfPresent(s3, root(archived) + StoreLayout.manifest(key),
                    archived ? "archive" : "staged copies'");
            if (manifest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(json.readValue(manifest.get().body(), StagedMedia.class));
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
            call(PUT, () -> s3.put(objectKey, new SignedHttp.Body(part, 0, n), copy(contentType, archived)));
        } else {
            parts.upload(objectKey, copy(contentType, archived), copy, part, n);
        }
        StagedMedia media = new StagedMedia(contentType, copy.count(), copy.sha256Hex(), startedAt, kind,
                keeping.reuseUntil(), archived);
        byte[] manifest = json.writeValueAsBytes(media);
        String manifestKey = root(archived) + StoreLayout.manifest(key);
        call(PUT, () -> s3.put(manifestKey, SignedHttp.Body.of(manifest), copy("application/json", archived)));
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
        return S3Calls.getIfPresent(s3, recordsPrefix + StoreLayout.holdRecord(provider, sessionId), "records'")
                .isPresent();
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
                for (S3Api.Listed object : list(root + StoreLayout.session(provider, sessionId))) {
                    tag(object.key(), held);
                    changed++;
                }
            }
        }
        return changed + (objectLock ? lockArchive(provider, sessionId, held) : 0);
    }

    private void tag(String objectKey, boolean held) {
        S3Calls.run(TAG, () -> s3.tag(objectKey, EXPIRY_TAG, held ? "no" : "yes"));
    }

    /** Sets (or clears) the Object Lock legal hold of every version of a session's archived copies. */
    private int lockArchive(String provider, String sessionId, boolean on) {
        if (archivePrefix.isEmpty()) {
            return 0;
        }
        String sessionPrefix = archivePrefix.get() + StoreLayout.session(provider, sessionId);
        int set = 0;
        Optional<String> keyMarker = Optional.empty();
        Optional<String> versionMarker = Optional.empty();
        do {
            Optional<String> keyAfter = keyMarker;
            Optional<String> versionAfter = versionMarker;
            S3Api.Page<S3Api.Version> page = call(LIST_VERSIONS, () -> s3.versions(sessionPrefix, keyAfter,
                    versionAfter));
            for (S3Api.Version version : page.items()) {
                S3Calls.run(LEGAL_HOLD, () -> s3.legalHold(version.key(), version.versionId(), on));
                set++;
            }
            keyMarker = page.next();
            versionMarker = page.nextVersion();
        } while (keyMarker.isPresent());
        return set;
    }

    @Override
    public MediaUrl presign(StagedKey key, StagedMedia media, Duration ttl, Optional<String> downloadName,
            Optional<String> subject) {
        ServedType served = ServedType.of(media.contentType());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response-content-type", served.contentType());
        query.put("response-cache-control", "private, no-store");
        served.contentDisposition(downloadName).ifPresent(d -> query.put("response-content-disposition", d));
        // S3 ignores query parameters that begin with "x-" but writes them into its server access log: signed here,
        // so the log's record of each fetch names the subject the URL was made for, and no holder can change it.
        subject.ifPresent(s -> query.put(SUBJECT_PARAMETER, s));
        Instant signedAt = clock.instant();
        String url = s3.presignGet(objectKey(key, media.archived()), query, ttl, Clock.fixed(signedAt,
                clock.getZone()));
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
        List<S3Api.Listed> objects = list(sessionPrefix);
        for (S3Api.Listed object : objects) {
            String name = object.key().substring(sessionPrefix.length());
            if (StoreLayout.isMediaData(name) && !name.contains("/")) {
                removed.add(removedCopy(new StagedKey(provider, sessionId, name), object));
            }
        }
        // DeleteObjects takes at most 1,000 keys, as many as a page of ListObjectsV2.
        for (int from = 0; from < objects.size(); from += MAX_KEYS) {
            deleteObjects(objects.subList(from, Math.min(objects.size(), from + MAX_KEYS)).stream()
                    .map(S3Api.Listed::key).toList());
        }
        return removed;
    }

    /** Every object under a prefix, page after page (a session's copies: a few, never millions). */
    private List<S3Api.Listed> list(String keyPrefix) {
        List<S3Api.Listed> objects = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Optional<String> continuation = token;
            S3Api.Page<S3Api.Listed> page = call(LIST, () -> s3.list(keyPrefix, continuation, Optional.empty(),
                    Optional.empty()));
            objects.addAll(page.items());
            token = page.next();
        } while (token.isPresent());
        return objects;
    }

    /** A copy about to be removed, with the SHA-256 its manifest recorded (absent when it has no readable one). */
    private RemovedCopy removedCopy(StagedKey key, S3Api.Listed object) {
        String root = object.key().substring(0, object.key().length() - StoreLayout.data(key).length());
        String sha256 = null;
        try {
            Optional<S3Api.Fetched> manifest = S3Calls.getIfPresent(s3, root + StoreLayout.manifest(key), "copies'");
            if (manifest.isPresent()) {
                sha256 = json.readValue(manifest.get().body(), StagedMedia.class).sha256();
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
    private void deleteObjects(List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<S3Api.NotDeleted> errors = call(DELETE, () -> s3.deleteAll(batch));
        if (!errors.isEmpty()) {
            S3Api.NotDeleted first = errors.get(0);
            if ("AccessDenied".equals(first.code())) {
                throw S3Calls.forbidden(DELETE, "DeleteObjects", null);
            }
            throw new IllegalStateException(errors.size() + " of " + batch.size() + " objects could not be"
                    + " removed (S3 error code " + first.code() + ")");
        }
    }

    /** Aborts staging uploads still running under a prefix, so that none completes after its delete. */
    private void abortUploads(String keyPrefix) {
        for (S3Api.Upload upload : call(LIST_UPLOADS, () -> s3.uploads(keyPrefix))) {
            parts.abort(upload.key(), upload.uploadId());
        }
    }

    @Override
    public void writeDeletionMarker(String name, Instant at) {
        call(RECORD_DELETION, () -> s3.put(deletionsPrefix + name,
                SignedHttp.Body.of(Long.toString(at.toEpochMilli()).getBytes(StandardCharsets.UTF_8)),
                typed("text/plain", encryption(false))));
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
        return S3Calls.getIfPresent(s3, deletionsPrefix + name, "deletion markers'").map(marker ->
                Instant.ofEpochMilli(Long.parseLong(new String(marker.body(), StandardCharsets.UTF_8).strip())));
    }

    @Override
    public List<RemovedCopy> deleteMedia(StagedKey key) {
        List<RemovedCopy> removed = new ArrayList<>();
        for (String root : roots()) {
            String objectKey = root + StoreLayout.data(key);
            S3Api.Page<S3Api.Listed> found = call(LIST, () -> s3.list(objectKey, Optional.empty(), Optional.empty(),
                    Optional.empty()));
            List<S3Api.Listed> objects = found.items().stream()
                    .filter(o -> o.key().equals(objectKey) || o.key().equals(root + StoreLayout.manifest(key)))
                    .toList();
            objects.stream().filter(o -> o.key().equals(objectKey)).findFirst()
                    .ifPresent(data -> removed.add(removedCopy(key, data)));
            deleteObjects(objects.stream().map(S3Api.Listed::key).toList());
            abortUploads(objectKey);
        }
        return removed;
    }

    @Override
    public void writeSessionManifest(String provider, String sessionId, byte[] manifest, boolean archived) {
        String objectKey = root(archived) + StoreLayout.sessionManifest(provider, sessionId);
        call(PUT, () -> s3.put(objectKey, SignedHttp.Body.of(manifest), copy("application/json", archived)));
    }

    @Override
    public Optional<byte[]> readRecord(String name) {
        return S3Calls.getIfPresent(s3, recordsPrefix + name, "records'").map(S3Api.Fetched::body);
    }

    @Override
    public void writeRecord(String name, byte[] bytes) {
        call(WRITE_RECORD, () -> s3.put(recordsPrefix + name, SignedHttp.Body.of(bytes),
                typed("application/json", encryption(false))));
    }

    /**
     * S3 refuses a PutObject with Object Lock parameters that carries no digest of its body ("Content-MD5 HTTP header
     * is required for Put Object requests with Object Lock parameters"), and the store's client adds no checksum of
     * its own: a locked record carries its Content-MD5.
     */
    @Override
    public void writeRetainedRecord(String name, byte[] bytes, Optional<Instant> retainUntil, String lockMode) {
        Map<String, String> headers = typed("application/json", encryption(false));
        retainUntil.ifPresent(until -> {
            headers.put("x-amz-object-lock-mode", lockMode);
            headers.put("x-amz-object-lock-retain-until-date", DateTimeFormatter.ISO_INSTANT.format(until));
            headers.put("Content-MD5", S3Api.md5(bytes));
        });
        call(WRITE_RECORD, () -> s3.put(recordsPrefix + name, SignedHttp.Body.of(bytes), headers));
    }

    @Override
    public void deleteRecord(String name) {
        S3Calls.run(DELETE_RECORD, () -> s3.delete(recordsPrefix + name));
    }

    @Override
    public List<String> listRecords(String namePrefix, Optional<String> after, int max) {
        S3Api.Page<S3Api.Listed> page = call(LIST_RECORDS, () -> s3.list(recordsPrefix + namePrefix,
                Optional.empty(), after.map(name -> recordsPrefix + name), Optional.of(max)));
        return page.items().stream().map(o -> o.key().substring(recordsPrefix.length())).toList();
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

    /** The headers of a copy's write: its type, its encryption, and its expiry tag where copies carry one. */
    private Map<String, String> copy(String contentType, boolean archived) {
        Map<String, String> headers = typed(contentType, encryption(archived));
        if (expiryTags) {
            headers.put("x-amz-tagging", EXPIRY_TAG + "=yes");
        }
        return headers;
    }

    private static Map<String, String> typed(String contentType, Map<String, String> headers) {
        headers.put("Content-Type", contentType);
        return headers;
    }

    /** The headers that ask for a write's server-side encryption (and its KMS key, where one is set). */
    private Map<String, String> encryption(boolean archived) {
        Map<String, String> headers = new LinkedHashMap<>();
        (archived ? archiveEncryption : encryption).ifPresent(sse -> headers.put(SSE, sse));
        (archived ? archiveKmsKeyId : kmsKeyId).ifPresent(key -> headers.put(SSE_KMS_KEY, key));
        return headers;
    }
}
