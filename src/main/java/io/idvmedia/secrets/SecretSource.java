package io.idvmedia.secrets;

/** Reads the current value of a secret from one kind of store. */
public interface SecretSource {

    /** Reads the value now, bypassing any cache; throws {@link SecretUnavailableException} when it cannot. */
    String read(SecretReference reference);
}
