package io.idvmedia.secrets;

import io.idvmedia.error.NotConfiguredException;

/** A secret reference could not be read. The message names the reference, never a value. */
public class SecretUnavailableException extends NotConfiguredException {

    public SecretUnavailableException(SecretReference reference, String why, Throwable cause) {
        super("Secret " + reference + " could not be read: " + why, cause);
    }
}
