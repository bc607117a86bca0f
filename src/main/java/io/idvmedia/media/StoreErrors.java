package io.idvmedia.media;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Describes a store failure for a problem's detail: the kind, and S3's status and error code when it gave them. */
public final class StoreErrors {

    private StoreErrors() {
    }

    public static String describe(Exception e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return "S3 answered " + aws.statusCode() + " " + aws.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }
}
