package io.idvmedia.error;

/** A valid request for something this deployment cannot do yet. */
public class NotImplementedException extends IdvException {

    public NotImplementedException(String detail) {
        super(ProblemType.NOT_IMPLEMENTED, detail);
    }
}
