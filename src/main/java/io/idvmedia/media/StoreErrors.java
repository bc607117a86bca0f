package io.idvmedia.media;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Describes a store failure for a problem's detail: the kind (and its root cause's), and S3's status and error code
 * when it gave them; never a message, which may hold a key or a URL.
 */
public final class StoreErrors {

    private StoreErrors() {
    }

    public static String describe(Exception e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return "S3 answered " + aws.statusCode() + " " + aws.awsErrorDetails().errorCode();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName();
    }
}
