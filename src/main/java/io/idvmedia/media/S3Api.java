package io.idvmedia.media;

import io.idvmedia.aws.AwsCall;
import io.idvmedia.aws.AwsCallObserver;
import io.idvmedia.aws.SignedHttp;
import io.idvmedia.aws.SignedHttp.Answer;
import io.idvmedia.aws.SignedHttp.Body;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The S3 REST calls the store makes, on one bucket: each request signed by {@link SignedHttp} and sent over the JDK's
 * HTTP client, its XML answer read by {@link S3Xml}. An error answer is an {@link S3Failure} (its status and error
 * code); throttling, 5xx answers, S3's request timeouts and broken connections are tried again, {@value
 * SignedHttp#ATTEMPTS} attempts in all. Every call is shown to the {@link AwsCallObserver}s registered, once answered.
 */
final class S3Api {

    private static final Set<String> RETRIED = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestTimeout", "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable");
    /** A query parameter without a value ({@code ?uploads}), written as S3's documentation and the SDK write it. */
    private static final String NO_VALUE = null;
    private static final String XMLNS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    private final URI base;
    private final String bucket;
    private final SignedHttp http;
    private final List<AwsCallObserver> observers;

    /** An object read whole, with its ETag. */
    record Fetched(byte[] body, String etag) {
    }

    /** An object of a listing. */
    record Listed(String key, long size) {
    }

    /** A page of a listing, and the token of the next one when there is more. */
    record Page<T>(List<T> items, Optional<String> next, Optional<String> nextVersion) {
    }

    /** One version of an object. */
    record Version(String key, String versionId) {
    }

    /** A multipart upload not yet completed or aborted. */
    record Upload(String key, String uploadId) {
    }

    /** An uploaded part. */
    record Part(int number, String etag) {
    }

    /** A key DeleteObjects could not remove, with S3's error code (a plain identifier, or empty). */
    record NotDeleted(String key, String code) {
    }

    /** What a call names, for the observers. */
    private record Named(String operation, Optional<String> key, List<String> keys, Optional<String> prefix,
            Map<String, String> headers) {
    }

    /**
     * @param base the bucket's URL, as S3's endpoint rules give it ({@code https://bucket.s3.region.amazonaws.com},
     *        or an endpoint with the bucket in its path)
     */
    S3Api(URI base, String bucket, SignedHttp http) {
        this.base = base;
        this.bucket = bucket;
        this.http = http;
        this.observers = AwsCall.observers();
    }

    String bucket() {
        return bucket;
    }

    /** The object, or empty where S3 says there is no such key (a 403 is an {@link S3Failure}, never absence). */
    Optional<Fetched> get(String key) {
        Named named = object("GetObject", key, Map.of());
        try {
            Answer answer = call(named, request(SdkHttpMethod.GET, key), Optional.empty());
            return Optional.of(new Fetched(answer.body(), answer.header("ETag").orElse("")));
        } catch (S3Failure e) {
            if (e.status() == 404 && "NoSuchKey".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Writes an object with these headers (its type, encryption, tags, conditions, Object Lock); its ETag. */
    String put(String key, Body body, Map<String, String> headers) {
        SdkHttpRequest.Builder request = request(SdkHttpMethod.PUT, key);
        headers.forEach(request::putHeader);
        return call(object("PutObject", key, headers), request, Optional.of(body)).header("ETag").orElse("");
    }

    void delete(String key) {
        call(object("DeleteObject", key, Map.of()), request(SdkHttpMethod.DELETE, key), Optional.empty());
    }

    /** Removes up to 1,000 objects in one request; the keys S3 could not remove (it answers 200 all the same). */
    List<NotDeleted> deleteAll(List<String> keys) {
        StringBuilder xml = new StringBuilder("<Delete" + XMLNS + "><Quiet>true</Quiet>");
        keys.forEach(k -> xml.append("<Object><Key>").append(S3Xml.escape(k)).append("</Key></Object>"));
        byte[] body = xml.append("</Delete>").toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder request = bucketRequest(SdkHttpMethod.POST).putRawQueryParameter("delete", NO_VALUE);
        Answer answer = call(new Named("DeleteObjects", Optional.empty(), keys, Optional.empty(), Map.of()),
                xml(request, body), Optional.of(Body.of(body)));
        return document(answer).all("Error").stream().map(e -> new NotDeleted(e.text("Key"), code(e))).toList();
    }

    /** A page of the objects under a prefix (ListObjectsV2), after a key or from a continuation token. */
    Page<Listed> list(String prefix, Optional<String> continuation, Optional<String> startAfter,
            Optional<Integer> maxKeys) {
        SdkHttpRequest.Builder request = bucketRequest(SdkHttpMethod.GET).putRawQueryParameter("list-type", "2")
                .putRawQueryParameter("prefix", prefix);
        continuation.ifPresent(t -> request.putRawQueryParameter("continuation-token", t));
        startAfter.ifPresent(k -> request.putRawQueryParameter("start-after", k));
        maxKeys.ifPresent(n -> request.putRawQueryParameter("max-keys", Integer.toString(n)));
        S3Xml.Element result = document(call(listing("ListObjectsV2", prefix), request, Optional.empty()));
        List<Listed> objects = result.all("Contents").stream()
                .map(c -> new Listed(c.text("Key"), Long.parseLong(c.text("Size")))).toList();
        Optional<String> next = truncated(result) ? nonEmpty(result.text("NextContinuationToken")) : Optional.empty();
        return new Page<>(objects, next, Optional.empty());
    }

    /** A page of the versions of the objects under a prefix (delete markers left out). */
    Page<Version> versions(String prefix, Optional<String> keyMarker, Optional<String> versionMarker) {
        SdkHttpRequest.Builder request = bucketRequest(SdkHttpMethod.GET).putRawQueryParameter("versions", NO_VALUE)
                .putRawQueryParameter("prefix", prefix);
        keyMarker.ifPresent(k -> request.putRawQueryParameter("key-marker", k));
        versionMarker.ifPresent(v -> request.putRawQueryParameter("version-id-marker", v));
        S3Xml.Element result = document(call(listing("ListObjectVersions", prefix), request, Optional.empty()));
        List<Version> versions = result.all("Version").stream()
                .map(v -> new Version(v.text("Key"), v.text("VersionId"))).toList();
        boolean more = truncated(result);
        return new Page<>(versions, more ? nonEmpty(result.text("NextKeyMarker")) : Optional.empty(),
                more ? nonEmpty(result.text("NextVersionIdMarker")) : Optional.empty());
    }

    /** The multipart uploads under a prefix not yet completed or aborted (the first thousand). */
    List<Upload> uploads(String prefix) {
        SdkHttpRequest.Builder request = bucketRequest(SdkHttpMethod.GET).putRawQueryParameter("uploads", NO_VALUE)
                .putRawQueryParameter("prefix", prefix);
        S3Xml.Element result = document(call(listing("ListMultipartUploads", prefix), request, Optional.empty()));
        return result.all("Upload").stream().map(u -> new Upload(u.text("Key"), u.text("UploadId"))).toList();
    }

    /** Starts a multipart upload with these headers; its id. */
    String createUpload(String key, Map<String, String> headers) {
        SdkHttpRequest.Builder request = request(SdkHttpMethod.POST, key).putRawQueryParameter("uploads", NO_VALUE);
        headers.forEach(request::putHeader);
        String uploadId = document(call(object("CreateMultipartUpload", key, headers), request, Optional.empty()))
                .text("UploadId");
        if (uploadId.isEmpty()) {
            throw new S3Failure(200, "NoUploadId");
        }
        return uploadId;
    }

    /** Uploads one part; its ETag. */
    String uploadPart(String key, String uploadId, int number, Body body) {
        SdkHttpRequest.Builder request = request(SdkHttpMethod.PUT, key).putRawQueryParameter("partNumber",
                Integer.toString(number)).putRawQueryParameter("uploadId", uploadId);
        return call(object("UploadPart", key, Map.of()), request, Optional.of(body)).header("ETag").orElse("");
    }

    /** Completes a multipart upload; S3 may answer 200 with an error in its body, which is a failure too. */
    void completeUpload(String key, String uploadId, List<Part> parts) {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload" + XMLNS + ">");
        parts.forEach(p -> xml.append("<Part><PartNumber>").append(p.number()).append("</PartNumber><ETag>")
                .append(S3Xml.escape(p.etag())).append("</ETag></Part>"));
        byte[] body = xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder request = request(SdkHttpMethod.POST, key).putRawQueryParameter("uploadId", uploadId);
        call(object("CompleteMultipartUpload", key, Map.of()), xml(request, body), Optional.of(Body.of(body)));
    }

    void abortUpload(String key, String uploadId) {
        SdkHttpRequest.Builder request = request(SdkHttpMethod.DELETE, key).putRawQueryParameter("uploadId", uploadId);
        call(object("AbortMultipartUpload", key, Map.of()), request, Optional.empty());
    }

    /** Replaces an object's tags by one tag. */
    void tag(String key, String tagKey, String value) {
        byte[] body = ("<Tagging" + XMLNS + "><TagSet><Tag><Key>" + S3Xml.escape(tagKey) + "</Key><Value>"
                + S3Xml.escape(value) + "</Value></Tag></TagSet></Tagging>").getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder request = request(SdkHttpMethod.PUT, key).putRawQueryParameter("tagging", NO_VALUE);
        call(object("PutObjectTagging", key, Map.of()), xml(request, body), Optional.of(Body.of(body)));
    }

    /** Sets or clears the Object Lock legal hold of one version of an object. */
    void legalHold(String key, String versionId, boolean on) {
        byte[] body = ("<LegalHold" + XMLNS + "><Status>" + (on ? "ON" : "OFF") + "</Status></LegalHold>")
                .getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder request = request(SdkHttpMethod.PUT, key).putRawQueryParameter("legal-hold", NO_VALUE)
                .putRawQueryParameter("versionId", versionId);
        call(object("PutObjectLegalHold", key, Map.of()), xml(request, body), Optional.of(Body.of(body)));
    }

    /** A presigned GET of the object, with these query parameters signed in, valid for {@code ttl}. */
    String presignGet(String key, Map<String, String> query, Duration ttl, Clock clock) {
        SdkHttpRequest.Builder request = request(SdkHttpMethod.GET, key);
        query.forEach(request::putRawQueryParameter);
        return http.presign(request.build(), ttl, clock).getUri().toString();
    }

    /** A request for an object: the bucket's URL and the key, each of its path segments encoded. */
    private SdkHttpRequest.Builder request(SdkHttpMethod method, String key) {
        return SdkHttpRequest.builder().method(method).uri(base)
                .encodedPath(bucketPath() + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
    }

    private SdkHttpRequest.Builder bucketRequest(SdkHttpMethod method) {
        String path = bucketPath();
        return SdkHttpRequest.builder().method(method).uri(base).encodedPath(path.isEmpty() ? "/" : path);
    }

    private String bucketPath() {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * A request with an XML body: typed as such (without a type, the JDK's client would call it a form, which a server
     * may read as one), with the body's MD5, which S3 requires of several of these calls.
     */
    private static SdkHttpRequest.Builder xml(SdkHttpRequest.Builder request, byte[] body) {
        return request.putHeader("Content-Type", "application/xml").putHeader("Content-MD5", md5(body));
    }

    /** A body's {@code Content-MD5}: its MD5, in Base64. */
    static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is unavailable", e);
        }
    }

    private Named object(String operation, String key, Map<String, String> headers) {
        return new Named(operation, Optional.of(key), List.of(), Optional.empty(), headers);
    }

    private static Named listing(String operation, String prefix) {
        return new Named(operation, Optional.empty(), List.of(), Optional.of(prefix), Map.of());
    }

    /**
     * Sends the request, trying again what S3 asks to be tried again.
     *
     * @throws S3Failure on an error answer
     * @throws UncheckedIOException when no answer came after the last attempt
     */
    private Answer call(Named named, SdkHttpRequest.Builder builder, Optional<Body> body) {
        SdkHttpRequest request = builder.build();
        S3Failure refused = null;
        IOException broken = null;
        try {
            for (int attempt = 1; attempt <= SignedHttp.ATTEMPTS; attempt++) {
                if (attempt > 1) {
                    SignedHttp.pause(attempt);
                }
                Answer answer;
                try {
                    answer = http.send(request, body);
                } catch (IOException e) {
                    broken = e;
                    refused = null;
                    continue;
                }
                Optional<S3Failure> failure = answer.status() < 300 ? errorInOkBody(named, answer)
                        : Optional.of(failure(answer));
                if (failure.isEmpty()) {
                    observe(named, Optional.of(answer.status()), Optional.empty());
                    return answer;
                }
                refused = failure.get();
                if (!retried(refused)) {
                    break;
                }
            }
            if (refused != null) {
                throw refused;
            }
            throw new UncheckedIOException("S3 could not be reached", broken);
        } catch (S3Failure e) {
            observe(named, Optional.of(e.status()), Optional.empty());
            throw e;
        } catch (RuntimeException e) {
            observe(named, Optional.empty(), Optional.of(e.getClass().getSimpleName()));
            throw e;
        }
    }

    /** CompleteMultipartUpload's 200 whose body is an error (S3 answers so when it fails after it began answering). */
    private static Optional<S3Failure> errorInOkBody(Named named, Answer answer) {
        if (!named.operation().equals("CompleteMultipartUpload") || answer.body().length == 0) {
            return Optional.empty();
        }
        S3Xml.Element root = S3Xml.parse(answer.body());
        return root.name().equals("Error") ? Optional.of(new S3Failure(answer.status(), code(root)))
                : Optional.empty();
    }

    private static boolean retried(S3Failure failure) {
        return failure.status() >= 500 || failure.status() == 429 || RETRIED.contains(failure.code());
    }

    private static S3Failure failure(Answer answer) {
        String code = "";
        if (answer.body().length > 0) {
            try {
                code = code(S3Xml.parse(answer.body()));
            } catch (IllegalArgumentException notXml) {
                // Reported by its status alone.
            }
        }
        return new S3Failure(answer.status(), code);
    }

    /** The error's code, kept only when it is a plain identifier: it goes into messages. */
    private static String code(S3Xml.Element error) {
        String code = error.text("Code");
        return code.matches("[A-Za-z0-9.]{1,100}") ? code : "";
    }

    private static S3Xml.Element document(Answer answer) {
        return S3Xml.parse(answer.body());
    }

    private static boolean truncated(S3Xml.Element result) {
        return "true".equals(result.text("IsTruncated"));
    }

    private static Optional<String> nonEmpty(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private void observe(Named named, Optional<Integer> status, Optional<String> failure) {
        if (observers.isEmpty()) {
            return;
        }
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("bucket", bucket);
        named.key().ifPresent(key -> names.put("key", key));
        if (!named.keys().isEmpty()) {
            names.put("keys", named.keys());
        }
        named.prefix().ifPresent(prefix -> names.put("prefix", prefix));
        named.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("x-amz-server-side-encryption-aws-kms-key-id")) {
                names.put("kmsKeyId", value);
            } else if (lower.equals("x-amz-tagging")) {
                names.put("tagging", value);
            }
        });
        AwsCall call = new AwsCall("S3", named.operation(), names, status, failure);
        observers.forEach(o -> o.observed(call));
    }
}
