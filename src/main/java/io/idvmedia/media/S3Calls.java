package io.idvmedia.media;

import io.idvmedia.error.StoreForbiddenException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one way the S3 store's parts call S3: a 403 is reported as the permission the function's role lacks
 * ({@link StoreForbiddenException}), never as the store being unavailable; other failures are left to
 * {@link StoreErrors}, which describes them without a key or a URL.
 */
final class S3Calls {

    private static final Logger LOG = Logger.getLogger(S3Calls.class);

    private S3Calls() {
    }

    /** A call to S3 whose 403 is reported as the permission the role lacks. */
    static <T> T call(String permission, Supplier<T> call) {
        try {
            return call.get();
        } catch (S3Failure e) {
            if (e.status() == 403) {
                throw forbidden(permission, "a request", e);
            }
            throw e;
        }
    }

    /** A call with no result whose 403 is reported as the permission the role lacks. */
    static void run(String permission, Runnable call) {
        call(permission, () -> {
            call.run();
            return null;
        });
    }

    static StoreForbiddenException forbidden(String permission, String request, Throwable cause) {
        LOG.errorf("S3 refused %s with 403 AccessDenied: the function's role needs %s (see infra/iam.tf)", request,
                permission);
        return new StoreForbiddenException(permission, cause);
    }

    /**
     * An object that may not exist. S3 tells a missing key (404) only to a role that may list its prefix; to any
     * other it answers 403, which is reported as the permission it lacks, never taken for absence or an outage.
     */
    static Optional<S3Api.Fetched> getIfPresent(S3Api s3, String objectKey, String where) {
        try {
            return s3.get(objectKey);
        } catch (S3Failure e) {
            if (e.status() == 403) {
                throw forbidden("s3:GetObject and s3:ListBucket on the " + where + " prefix (without ListBucket, S3"
                        + " answers 403 for a key that does not exist)", "GetObject", e);
            }
            throw e;
        }
    }

    /** A prefix ending with a slash (or empty). */
    static String slashed(String prefix) {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }
}
