package io.idvmedia.secrets;

/** Reads the current value of a secret from one kind of store. */
public interface SecretSource {

    /** Reads the value now, bypassing any cache; throws {@link SecretUnavailableException} when it cannot. */
    String read(SecretReference reference);

    /**
     * Drops whatever this source made to read (a client, and the credentials it resolved), so that none is kept in a
     * SnapStart snapshot: the next read makes it anew.
     */
    default void forget() {
    }
}
