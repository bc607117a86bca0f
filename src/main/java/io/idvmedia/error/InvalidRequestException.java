package io.idvmedia.error;

/** A caller's input was rejected before any provider was called. */
public class InvalidRequestException extends IdvException {

    public InvalidRequestException(String detail) {
        super(ProblemType.INVALID_REQUEST, detail);
    }
}
