package io.idvmedia.media;

import static io.idvmedia.media.S3Calls.call;

import io.idvmedia.aws.SignedHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Claims in S3, under their own prefix ({@code idv.media.s3.claims-prefix}), taken by conditional writes. */
final class S3Claims implements Claims {

    private static final String CLAIM = "s3:PutObject, s3:GetObject and s3:DeleteObject on the claims' prefix";

    private final S3Api s3;
    private final String claimsPrefix;
    private final Map<String, String> encryption;

    /** @param encryption the headers that ask for a claim's encryption */
    S3Claims(S3Api s3, String claimsPrefix, Map<String, String> encryption) {
        this.s3 = s3;
        this.claimsPrefix = S3Calls.slashed(claimsPrefix);
        this.encryption = Map.copyOf(encryption);
    }

    /**
     * A conditional write: {@code If-None-Match: *} creates the claim only where there is none; a claim older than
     * its window is taken over with {@code If-Match} on the ETag read, so that of two callers only one wins.
     */
    @Override
    public boolean claim(String name, Instant now, Duration window) {
        String objectKey = claimsPrefix + name;
        byte[] since = Long.toString(now.toEpochMilli()).getBytes(StandardCharsets.UTF_8);
        if (conditionalPut(objectKey, since, "If-None-Match", "*")) {
            return true;
        }
        Optional<S3Api.Fetched> held = S3Calls.getIfPresent(s3, objectKey, "claims'");
        if (held.isEmpty()) {
            // Released between the two calls: whoever writes first now wins.
            return conditionalPut(objectKey, since, "If-None-Match", "*");
        }
        Instant heldSince;
        try {
            heldSince = Instant.ofEpochMilli(Long.parseLong(
                    new String(held.get().body(), StandardCharsets.UTF_8).strip()));
        } catch (NumberFormatException e) {
            heldSince = Instant.EPOCH;
        }
        if (heldSince.plus(window).isAfter(now)) {
            return false;
        }
        return conditionalPut(objectKey, since, "If-Match", held.get().etag());
    }

    /** Whether the conditional write happened; false when its condition failed (or a concurrent write won). */
    private boolean conditionalPut(String objectKey, byte[] body, String condition, String value) {
        Map<String, String> headers = new HashMap<>(encryption);
        headers.put("Content-Type", "text/plain");
        headers.put(condition, value);
        try {
            call(CLAIM, () -> s3.put(objectKey, SignedHttp.Body.of(body), headers));
            return true;
        } catch (S3Failure e) {
            // 412: the condition failed; 409: another conditional write to the key was in flight.
            if (e.status() == 412 || e.status() == 409 || e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void release(String name) {
        S3Calls.run(CLAIM, () -> s3.delete(claimsPrefix + name));
    }
}
