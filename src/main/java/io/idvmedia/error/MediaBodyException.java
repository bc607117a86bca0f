package io.idvmedia.error;

import java.io.IOException;

/**
 * Reading a media body from its provider failed after the response had begun. It is an {@link IOException} because
 * it surfaces from a read; whoever reads the body turns it into its problem with {@link #problem(String)}, saying
 * what became of the bytes ({@code nothing was delivered}, {@code the response was aborted}, ...).
 */
public class MediaBodyException extends IOException {

    private final ProblemType type;
    private final boolean retryable;

    public MediaBodyException(ProblemType type, String detail, boolean retryable, IOException cause) {
        super(detail, cause);
        this.type = type;
        this.retryable = retryable;
    }

    /**
     * The failure of a read (or close) of a media body as this type: a media body's reads fail with nothing else, so
     * anything else is only its close, after which the provider connection is dropped.
     */
    public static MediaBodyException of(IOException e) {
        return e instanceof MediaBodyException failure ? failure
                : new MediaBodyException(ProblemType.PROVIDER_ERROR, "The media body failed", true, e);
    }

    /** Whether opening the media again may succeed (a timeout or a broken connection may; a bad signature never). */
    public boolean retryable() {
        return retryable;
    }

    public ProblemType type() {
        return type;
    }

    /** The problem a caller gets, its detail ending with what became of the bytes. */
    public ProviderException problem(String outcome) {
        return new ProviderException(type, getMessage() + "; " + outcome, this);
    }
}
