package io.idvmedia.error;

/**
 * The media store refused a request for want of a permission: a deployment's configuration error, never a passing
 * failure. The detail says so without naming keys; the log names the permission the function's role lacks.
 */
public class StoreForbiddenException extends IdvException {

    public StoreForbiddenException(String permission, Throwable cause) {
        super(ProblemType.STORE_FORBIDDEN, "The media store refused this function's request: its role lacks "
                + permission + " (see the deployment's IAM policy)", cause);
    }
}
