package io.idvmedia.media;

import static io.idvmedia.media.S3Calls.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Claims in S3, under their own prefix ({@code idv.media.s3.claims-prefix}), taken by conditional writes. */
final class S3Claims implements Claims {

    private static final String CLAIM = "s3:PutObject, s3:GetObject and s3:DeleteObject on the claims' prefix";

    private final S3Client s3;
    private final String bucket;
    private final String claimsPrefix;
    private final Consumer<PutObjectRequest.Builder> encryption;

    S3Claims(S3Client s3, String bucket, String claimsPrefix, Consumer<PutObjectRequest.Builder> encryption) {
        this.s3 = s3;
        this.bucket = bucket;
        this.claimsPrefix = S3Calls.slashed(claimsPrefix);
        this.encryption = encryption;
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
        Optional<ResponseBytes<GetObjectResponse>> held = S3Calls.getIfPresent(s3, bucket, objectKey, "claims'");
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
                encryption.accept(b.bucket(bucket).key(objectKey).contentType("text/plain"));
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
}
