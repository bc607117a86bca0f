package io.idvmedia.operation;

import io.idvmedia.error.InvalidRequestException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Input checks shared by every operation, run before any provider call. */
final class Ids {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    static String requireUuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(name + " is required");
        }
        if (value.length() != 36 || !UUID.matcher(value).matches()) {
            // The value is not echoed: it is caller input of unknown content.
            throw new InvalidRequestException(name + " must be a UUID (8-4-4-4-12 hexadecimal digits)");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
