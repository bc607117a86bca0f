package io.idvmedia.media;

/**
 * Where the staged copy of one media item lives: {@code {provider}/{sessionId}/{mediaId}} under the store's root
 * or prefix. The parts are a known provider name and validated UUIDs, so the path is always safe.
 */
public record StagedKey(String provider, String sessionId, String mediaId) {

    public String path() {
        return sessionPath(provider, sessionId) + mediaId;
    }

    /** The name of a session's manifest under its prefix; it ends like a media manifest, so no listing takes it for
     * a media id. */
    public static final String SESSION_MANIFEST = "session.manifest.json";

    /** The prefix of every staged copy of a session, ending with a slash. */
    public static String sessionPath(String provider, String sessionId) {
        return provider + "/" + sessionId + "/";
    }
}
