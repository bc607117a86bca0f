package io.idvmedia.provider;

import java.util.List;

/**
 * One IDV provider's operations, in terms that know nothing of HTTP routes or Lambda events. Ids arrive
 * already validated. Failures are {@link io.idvmedia.error.IdvException}s.
 */
public interface IdvProvider {

    /** The name used in routes and events, e.g. {@code yoti}. */
    /** What this provider is, described once (see {@link ProviderDescriptor}). */
    ProviderDescriptor descriptor();

    /** The provider's name, as in routes. */
    default String name() {
        return descriptor().name();
    }

    /** What this provider's session ids look like; a route's id is checked against it before anything else. */
    default IdFormat sessionIds() {
        return descriptor().sessionIds();
    }

    /** What this provider's media ids look like. */
    default IdFormat mediaIds() {
        return descriptor().mediaIds();
    }

    /**
     * Warms what this provider's requests need (its signature algorithms) before a SnapStart snapshot, fetching no
     * secret and calling nothing, keeping nothing it made.
     *
     * @return whether it ran as expected
     */
    default boolean prime() {
        return true;
    }

    /** The session's results exactly as the provider sent them. */
    SessionDocument getSession(String sessionId);

    /** Every media item of the session, wherever in the provider's responses it is found. */
    List<MediaItem> listMedia(String sessionId);

    /** The session's results in the normalized shape, with its media index. */
    SessionSummary summarize(String sessionId);

    /** The session's document and its summary from one read of the session (see {@link SessionSnapshot}). */
    SessionSnapshot snapshot(String sessionId);

    /** One media item's content as a stream the caller must close; never buffered whole. */
    MediaContent getMedia(String sessionId, String mediaId);

    /** Deletes the session and everything the provider holds for it. */
    Deletion deleteSession(String sessionId);

    /**
     * Refuses (409) a deletion of the session that would delete more than the scope allows, before anything is
     * deleted; most providers delete a session alone, and need not check anything.
     */
    default void checkDeletionScope(String sessionId, DeletionScope scope) {
    }

    /** Deletes one media item's content; a provider that cannot answers with a problem, never a silent success. */
    Deletion deleteMedia(String sessionId, String mediaId);
}
