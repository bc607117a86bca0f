package io.idvmedia.media;

/**
 * An error answer from S3: its status and error code (a plain identifier, or empty), never its message or the key
 * it named.
 */
public final class S3Failure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    S3Failure(int status, String code) {
        super("S3 answered " + status + (code.isEmpty() ? "" : " " + code));
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
