package io.idvmedia.media;

/** One media item's place in the store, laid out by {@link StoreLayout}. */
public record StagedKey(String provider, String sessionId, String mediaId) {

    /**
     * The name a session's staged export has in place of a media id: no provider's media id looks like it, so it
     * never meets a media's copy, and a delete of the session removes it with the copies.
     */
    public static final String EXPORT = "export.zip";

    /** Where a session's staged export is. */
    public static StagedKey export(String provider, String sessionId) {
        return new StagedKey(provider, sessionId, EXPORT);
    }

    /** Whether this is a session's export rather than a media item's copy. */
    public boolean isExport() {
        return EXPORT.equals(mediaId);
    }

    /** {@code {provider}/{sessionId}/{mediaId}}: where its bytes are, under the store's root or prefix. */
    public String path() {
        return StoreLayout.data(this);
    }
}
