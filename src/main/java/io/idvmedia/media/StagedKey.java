package io.idvmedia.media;

/** One media item's place in the store, laid out by {@link StoreLayout}. */
public record StagedKey(String provider, String sessionId, String mediaId) {

    /** {@code {provider}/{sessionId}/{mediaId}}: where its bytes are, under the store's root or prefix. */
    public String path() {
        return StoreLayout.data(this);
    }
}
