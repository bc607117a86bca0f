package io.idvmedia.media;

import java.util.List;
import java.util.Optional;

/**
 * The one key layout of both stores, relative to the local store's directory or to an S3 prefix (the staged copies',
 * the archive's or the deletion markers'):
 * <pre>
 * {provider}/{sessionId}/{mediaId}                  a media item's bytes
 * {provider}/{sessionId}/{mediaId}.manifest.json    its manifest, written once the bytes are complete
 * {provider}/{sessionId}/session.manifest.json      what a staging job staged of the session
 * {provider}/{sessionId}/.deleted                   the session's deletion marker (the time of the deletion)
 * {provider}/{sessionId}/.{mediaId}.deleted         one media item's deletion marker
 * </pre>
 * The parts are a known provider name and ids checked against the provider's formats, so a key is always safe.
 */
public final class StoreLayout {

    /** What a media item's manifest name adds to its data's. */
    static final String MANIFEST = ".manifest.json";
    /** A session's manifest; it ends like a media manifest, so that no listing takes it for a media id. */
    static final String SESSION_MANIFEST = "session.manifest.json";
    private static final String DELETED = ".deleted";

    private StoreLayout() {
    }

    /** The prefix of everything kept of a session, ending with a slash. */
    public static String session(String provider, String sessionId) {
        return provider + "/" + sessionId + "/";
    }

    static String data(StagedKey key) {
        return session(key.provider(), key.sessionId()) + key.mediaId();
    }

    static String manifest(StagedKey key) {
        return data(key) + MANIFEST;
    }

    static String sessionManifest(String provider, String sessionId) {
        return session(provider, sessionId) + SESSION_MANIFEST;
    }

    /** The deletion marker of a session, or of one media item of it. */
    static String deletionMarker(String provider, String sessionId, Optional<String> mediaId) {
        return session(provider, sessionId) + mediaId.map(id -> "." + id).orElse("") + DELETED;
    }

    /** The deletion markers that concern a media item: its session's, and its own. */
    static List<String> deletionMarkers(StagedKey key) {
        return List.of(deletionMarker(key.provider(), key.sessionId(), Optional.empty()),
                deletionMarker(key.provider(), key.sessionId(), Optional.of(key.mediaId())));
    }

    /** The record of a session's legal hold, relative to the records' prefix (see {@code lifecycle.Holds}). */
    public static String holdRecord(String provider, String sessionId) {
        return "holds/" + provider + "/" + sessionId + ".json";
    }

    /** Whether a name under a session's prefix is a deletion marker. */
    static boolean isDeletionMarker(String name) {
        return name.endsWith(DELETED);
    }

    /** Whether a name under a session's prefix is a media item's bytes (not a manifest, a marker or a temporary). */
    static boolean isMediaData(String name) {
        return !name.startsWith(".") && !name.endsWith(MANIFEST);
    }
}
