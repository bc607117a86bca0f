package io.idvmedia.error;

import java.time.Duration;

/** This instance is doing as much as it may at once; the caller should retry after the given delay. */
public class BusyException extends IdvException {

    public BusyException(String detail, Duration retryAfter) {
        super(ProblemType.BUSY, detail, null, retryAfter, null);
    }
}
