package io.idvmedia.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code file:PATH}: the whole file, trailing line breaks removed (so that {@code echo x > file} works). */
final class FileSecretSource implements SecretSource {

    @Override
    public String read(SecretReference reference) {
        try {
            return Files.readString(Path.of(reference.location()), StandardCharsets.UTF_8).stripTrailing();
        } catch (NoSuchFileException e) {
            throw new SecretUnavailableException(reference, "no such file", e);
        } catch (IOException e) {
            throw new SecretUnavailableException(reference, e.getClass().getSimpleName(), e);
        }
    }
}
