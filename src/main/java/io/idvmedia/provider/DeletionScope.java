package io.idvmedia.provider;

import io.idvmedia.error.InvalidRequestException;

/**
 * How far a delete-session may reach, for providers whose only deletion takes more than the session with it (Onfido
 * deletes a run by deleting its applicant, and with the applicant every other run of theirs).
 */
public enum DeletionScope {
    /** The session only: a deletion that would take more is refused. The default. */
    SESSION,
    /** The person the session belongs to, with everything the provider holds of them. */
    APPLICANT;

    /** The {@code scope} parameter: absent or {@code session}, or {@code applicant}; anything else is a 400. */
    public static DeletionScope parse(String value) {
        if (value == null || value.isEmpty() || value.equals("session")) {
            return SESSION;
        }
        if (value.equals("applicant")) {
            return APPLICANT;
        }
        throw new InvalidRequestException("scope must be session (the default) or applicant");
    }
}
