package io.idvmedia.media;

import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;

/**
 * Describes a store failure for a problem's detail: the kind (and its root cause's), and S3's status and error code
 * when it gave them; never a message, which may hold a key or a URL.
 */
public final class StoreErrors {

    private StoreErrors() {
    }

    /**
     * A store failure as the problem a caller gets: a problem the store raised itself (a refused permission) stays
     * what it is; anything else is the store being unavailable, {@code what} saying what could not be done.
     */
    public static IdvException problem(String what, Exception e) {
        if (e instanceof IdvException idv) {
            return idv;
        }
        return new IdvException(ProblemType.STORE_UNAVAILABLE, what + " (" + describe(e) + ")", e);
    }

    public static String describe(Exception e) {
        if (e instanceof S3Failure s3) {
            // Its status and error code, which is all it carries.
            return s3.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName();
    }
}
