package io.idvmedia.provider;

import io.idvmedia.error.InvalidRequestException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Input checks on ids, run before any provider call, access check or store access. */
public final class Ids {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    /** Whether the value is a UUID in its textual form. */
    public static boolean isUuid(String value) {
        return value != null && value.length() == 36 && UUID.matcher(value).matches();
    }

    public static String requireUuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(name + " is required");
        }
        if (!isUuid(value)) {
            // The value is not echoed: it is caller input of unknown content.
            throw new InvalidRequestException(name + " must be a UUID (8-4-4-4-12 hexadecimal digits)");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
