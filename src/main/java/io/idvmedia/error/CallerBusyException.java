package io.idvmedia.error;

import java.time.Duration;

/**
 * The caller already runs its share of this instance's transfers; it should retry when one of them has ended. Other
 * callers are not affected: the share keeps slots free for them.
 */
public class CallerBusyException extends IdvException {

    public CallerBusyException(String detail, Duration retryAfter) {
        super(ProblemType.CALLER_BUSY, detail, null, retryAfter, null);
    }
}
