package io.idvmedia.operation;

import io.idvmedia.error.InvalidRequestException;
import java.util.Locale;

/** How get-session answers: the provider's JSON as is, or one normalized shape for every provider. */
public enum SessionView {
    RAW, SUMMARY;

    public static SessionView parse(String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("raw")) {
            return RAW;
        }
        if (value.equalsIgnoreCase("summary")) {
            return SUMMARY;
        }
        throw new InvalidRequestException("view must be 'summary' or absent");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
