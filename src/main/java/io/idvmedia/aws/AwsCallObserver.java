package io.idvmedia.aws;

/**
 * Sees every AWS call the store and the job queue make once it has its answer, on the caller's thread. Found with
 * {@link java.util.ServiceLoader} when a client is made (none is, in a deployment); the tests register one that records
 * the calls for the IAM simulation.
 */
public interface AwsCallObserver {

    void observed(AwsCall call);
}
