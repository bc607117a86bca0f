package io.idvmedia.provider;

import io.idvmedia.error.InvalidRequestException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form a provider's ids take (each provider says what its session and media ids look like). Checked before any
 * provider call, access check or store access; a store key or a URL is only ever made of ids that passed, so the
 * formats never admit a slash, a dot-dot or anything a path or query could misread.
 *
 * @param description what a valid id is, for a problem's detail (the value itself is never echoed)
 * @param pattern the whole id
 * @param caseInsensitive whether ids differing only in case are the same id (they are then kept in lower case)
 */
public record IdFormat(String description, Pattern pattern, boolean caseInsensitive) {

    /** A UUID in its textual form: Yoti's, Veriff's and Onfido's ids. */
    public static final IdFormat UUID = new IdFormat("a UUID (8-4-4-4-12 hexadecimal digits)",
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"), true);

    /**
     * What any provider's id may be at most, for places that hold ids before the provider is known (a grant's
     * sessions, the audit record): 1 to 64 letters, digits, {@code _} or {@code -}.
     */
    public static final IdFormat ANY = new IdFormat("1 to 64 letters, digits, '_' or '-'",
            Pattern.compile("[0-9A-Za-z_-]{1,64}"), false);

    /** An id of this form. */
    public static IdFormat of(String description, String regex) {
        return new IdFormat(description, Pattern.compile(regex), false);
    }

    public boolean matches(String value) {
        return value != null && value.length() <= 64 && pattern.matcher(value).matches();
    }

    /** The id as it is kept and compared (lower case for case-insensitive forms), if it has this form. */
    public String require(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(name + " is required");
        }
        if (!matches(value)) {
            // The value is not echoed: it is caller input of unknown content.
            throw new InvalidRequestException(name + " must be " + description);
        }
        return normalize(value);
    }

    /** The id as it is kept and compared. */
    public String normalize(String value) {
        return caseInsensitive ? value.toLowerCase(Locale.ROOT) : value;
    }
}
