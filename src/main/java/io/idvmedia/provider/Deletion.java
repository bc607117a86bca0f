package io.idvmedia.provider;

/** The provider accepted a delete. */
public record Deletion(int providerStatus) {
}
