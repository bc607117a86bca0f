package io.idvmedia.secrets;

import io.idvmedia.error.NotConfiguredException;

/**
 * A secret reference could not be read. The message (a problem's detail) says what kind of store failed and why,
 * never where: a reference can name an account (an ARN) or a path. {@link #reference()} is for the log.
 */
public class SecretUnavailableException extends NotConfiguredException {

    private final transient SecretReference reference;

    public SecretUnavailableException(SecretReference reference, String why, Throwable cause) {
        super("A secret (" + reference.scheme().prefix() + " reference) could not be read: " + why
                + "; the log names it", cause);
        this.reference = reference;
    }

    public SecretReference reference() {
        return reference;
    }
}
