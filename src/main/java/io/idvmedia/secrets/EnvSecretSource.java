package io.idvmedia.secrets;

import java.util.function.UnaryOperator;

/** {@code env:NAME}: an environment variable. */
final class EnvSecretSource implements SecretSource {

    private final UnaryOperator<String> environment;

    EnvSecretSource(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String read(SecretReference reference) {
        String value = environment.apply(reference.location());
        if (value == null || value.isEmpty()) {
            throw new SecretUnavailableException(reference, "the variable is not set", null);
        }
        return value;
    }
}
