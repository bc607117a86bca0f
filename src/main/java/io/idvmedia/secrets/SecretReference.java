package io.idvmedia.secrets;

import java.util.Optional;

/**
 * Where a secret lives: {@code file:PATH}, {@code env:NAME} or {@code aws-secretsmanager:NAME-OR-ARN[#jsonField]}.
 * A reference names a place, never a value, so it may appear in messages.
 */
public record SecretReference(Scheme scheme, String location, Optional<String> jsonField) {

    /** The kinds of store a reference can point at. */
    public enum Scheme {
        FILE("file:"), ENV("env:"), AWS_SECRETS_MANAGER("aws-secretsmanager:");

        private final String prefix;

        Scheme(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** Whether the configured value is a reference rather than a literal. */
    public static boolean isReference(String value) {
        if (value == null) {
            return false;
        }
        for (Scheme scheme : Scheme.values()) {
            if (value.startsWith(scheme.prefix)) {
                return true;
            }
        }
        return false;
    }

    public static SecretReference parse(String value) {
        for (Scheme scheme : Scheme.values()) {
            if (value != null && value.startsWith(scheme.prefix)) {
                String rest = value.substring(scheme.prefix.length());
                Optional<String> field = Optional.empty();
                if (scheme == Scheme.AWS_SECRETS_MANAGER) {
                    int hash = rest.indexOf('#');
                    if (hash >= 0) {
                        field = Optional.of(rest.substring(hash + 1));
                        rest = rest.substring(0, hash);
                        if (field.get().isEmpty()) {
                            throw new IllegalArgumentException("Secret reference '" + value + "' has an empty #field");
                        }
                    }
                }
                if (rest.isBlank()) {
                    throw new IllegalArgumentException("Secret reference '" + value + "' names nothing after '"
                            + scheme.prefix + "'");
                }
                return new SecretReference(scheme, rest, field);
            }
        }
        throw new IllegalArgumentException("Not a secret reference (expected file:, env: or aws-secretsmanager:)");
    }

    @Override
    public String toString() {
        return scheme.prefix + location + jsonField.map(f -> "#" + f).orElse("");
    }
}
