package io.idvmedia.provider;

/** The provider accepted a delete, with this status. */
public record Deletion(int providerStatus) {
}
