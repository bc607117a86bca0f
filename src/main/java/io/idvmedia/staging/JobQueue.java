package io.idvmedia.staging;

/** Where staging jobs go: an SQS queue, or an executor in this process. */
public interface JobQueue {

    /**
     * Hands the job over; when this returns, the job is durably queued (SQS) or accepted by the executor.
     *
     * @throws io.idvmedia.error.IdvException 503 when the queue cannot take it now
     */
    void submit(StagingJob job);

    /** Whether queued jobs outlive this process, so that a request may leave staging to them. */
    boolean durable();
}
