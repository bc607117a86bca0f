package io.idvmedia.error;

import java.util.Locale;

/** A provider or a store lacks a setting, or a secret it needs cannot be read. */
public class NotConfiguredException extends IdvException {

    public NotConfiguredException(String detail) {
        super(ProblemType.PROVIDER_NOT_CONFIGURED, detail);
    }

    public NotConfiguredException(String detail, Throwable cause) {
        super(ProblemType.PROVIDER_NOT_CONFIGURED, detail, cause);
    }

    /** A setting is missing: names the key and the environment variable Quarkus maps to it. */
    public static NotConfiguredException missing(String what, String key) {
        String env = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return new NotConfiguredException(what + " is not configured: set " + key + " (environment " + env + ")");
    }
}
