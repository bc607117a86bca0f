package io.idvmedia.provider;

/** A provider's session JSON, byte for byte, with the status the provider answered. */
public record SessionDocument(byte[] json, String contentType, int providerStatus) {
}
