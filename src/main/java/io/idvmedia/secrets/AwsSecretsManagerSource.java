package io.idvmedia.secrets;

import java.util.function.Supplier;

/**
 * {@code aws-secretsmanager:NAME-OR-ARN[#jsonField]}: the secret's string value (the field is picked by
 * {@link SecretsProvider}, so that one read serves every field of a secret). The reader is made on first use, so a
 * deployment that never names such a secret never resolves AWS credentials or a region; one that reads secrets to check
 * them before a SnapStart snapshot drops its reader after ({@link #forget}), so that the snapshot keeps no credentials.
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

    /** The reader, with the AWS credentials its provider resolved and cached, is made again at the next read. */
    @Override
    public synchronized void forget() {
        reader = null;
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
