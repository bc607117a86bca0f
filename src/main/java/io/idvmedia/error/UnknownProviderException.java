package io.idvmedia.error;

/** The path named a provider these functions do not serve. */
public class UnknownProviderException extends IdvException {

    /** The detail lists the providers served; the name asked for is caller input and is not repeated. */
    public UnknownProviderException(Iterable<String> known) {
        super(ProblemType.UNKNOWN_PROVIDER, "Unknown provider; known providers: " + String.join(", ", known));
    }
}
