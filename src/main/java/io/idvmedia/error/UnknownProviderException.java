package io.idvmedia.error;

/** The path named a provider these functions do not serve. */
public class UnknownProviderException extends IdvException {

    public UnknownProviderException(String provider, Iterable<String> known) {
        super(ProblemType.UNKNOWN_PROVIDER,
                "Unknown provider '" + provider + "'; known providers: " + String.join(", ", known));
    }
}
