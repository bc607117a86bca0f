package io.idvmedia.secrets;

import java.util.function.Supplier;

/**
 * {@code aws-secretsmanager:NAME-OR-ARN[#jsonField]}: the secret's string value (the field is picked by
 * {@link SecretsProvider}, so that one read serves every field of a secret). The reader is made on first use, so a
 * deployment that never names such a secret never resolves AWS credentials or a region (and nothing is captured in a
 * snapshot).
 */
final class AwsSecretsManagerSource implements SecretSource {

    private final Supplier<SecretsManagerReader> readers;
    private volatile SecretsManagerReader reader;

    AwsSecretsManagerSource(Supplier<SecretsManagerReader> readers) {
        this.readers = readers;
    }

    @Override
    public String read(SecretReference reference) {
        return reader().secretString(reference);
    }

    private SecretsManagerReader reader() {
        SecretsManagerReader current = reader;
        if (current == null) {
            synchronized (this) {
                current = reader;
                if (current == null) {
                    current = readers.get();
                    reader = current;
                }
            }
        }
        return current;
    }
}
