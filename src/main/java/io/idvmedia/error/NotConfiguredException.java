package io.idvmedia.error;

/** A provider or a store lacks a setting, or a secret it needs cannot be read. */
public class NotConfiguredException extends IdvException {

    public NotConfiguredException(String detail) {
        super(ProblemType.PROVIDER_NOT_CONFIGURED, detail);
    }

    public NotConfiguredException(String detail, Throwable cause) {
        super(ProblemType.PROVIDER_NOT_CONFIGURED, detail, cause);
    }
}
