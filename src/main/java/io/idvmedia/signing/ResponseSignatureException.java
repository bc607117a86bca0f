package io.idvmedia.signing;

import java.io.IOException;

/** A provider's response body did not match its signature: it must not reach a caller as if it were valid. */
public class ResponseSignatureException extends IOException {

    public ResponseSignatureException(String message) {
        super(message);
    }
}
