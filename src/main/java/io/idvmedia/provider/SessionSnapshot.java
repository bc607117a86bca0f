package io.idvmedia.provider;

/**
 * A session's document and its summary made from that same read, so that the two agree (an export holds both).
 *
 * @param document the provider's session JSON, byte for byte
 * @param summary the normalized summary of that document
 */
public record SessionSnapshot(SessionDocument document, SessionSummary summary) {
}
