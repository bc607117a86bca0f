package io.idvmedia.media;

import io.idvmedia.provider.MediaKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Staged copies of media, and URLs to them. Staging streams in constant memory and is all or nothing: a failure
 * midway leaves no copy, and nothing that could pass for a complete one.
 */
public interface MediaStore {

    /** The manifest of a complete staged copy, if there is one. */
    Optional<StagedMedia> find(StagedKey key);

    /**
     * Copies a body into the store, computing its SHA-256 on the way. Reads the body to its end; a failure while
     * reading (including a signature mismatch) aborts the copy and is rethrown.
     *
     * @param keeping until when the copy may be served without asking the provider, and whether it is archived
     */
    StagedMedia stage(StagedKey key, String contentType, MediaKind kind, InputStream body, Instant startedAt,
            Keeping keeping) throws IOException;

    /**
     * Writes a session's manifest (what a staging job staged: each item's id, kind, type, size and SHA-256) beside
     * its copies (in the archive when they were archived); removed with them by {@link #deleteSession}.
     */
    void writeSessionManifest(String provider, String sessionId, byte[] manifest, boolean archived);

    /**
     * Records that a session's staged copies (or, with a media id, one media's) are deleted as of {@code at}: no copy
     * whose staging began before it may be served or kept. Written before the copies are removed, so that a staging
     * still running sees it when it checks after writing its manifest.
     */
    default void markDeleted(String provider, String sessionId, Optional<String> mediaId, Instant at) {
        writeDeletionMarker(StoreLayout.deletionMarker(provider, sessionId, mediaId), at);
    }

    /** The latest deletion recorded for this media or its session. */
    default Optional<Instant> deletedAt(StagedKey key) {
        return latest(StoreLayout.deletionMarkers(key).stream().map(this::deletionMarker).toList());
    }

    /**
     * The manifest of a complete copy that no deletion recorded since its staging began has made unusable: what
     * {@link #find} and {@link #deletedAt} tell together (a store may ask both at once, see {@link #undeleted}).
     */
    default Optional<StagedMedia> findUndeleted(StagedKey key) {
        return undeleted(find(key), StoreLayout.deletionMarkers(key).stream().map(this::deletionMarker).toList());
    }

    /** Whether a deletion of this media or its session was recorded at or after {@code since}. */
    default boolean deletedSince(StagedKey key, Instant since) {
        return deletedAt(key).filter(at -> !at.isBefore(since)).isPresent();
    }

    /**
     * Delete wins: a copy is usable only when no deletion marker concerning it was written at or after its staging
     * began (a staging that began after a deletion may be served).
     */
    static Optional<StagedMedia> undeleted(Optional<StagedMedia> copy, List<Optional<Instant>> markers) {
        Optional<Instant> deleted = latest(markers);
        return copy.filter(media -> deleted.map(at -> at.isBefore(media.stagedAt())).orElse(true));
    }

    private static Optional<Instant> latest(List<Optional<Instant>> markers) {
        return markers.stream().flatMap(Optional::stream).max(Instant::compareTo);
    }

    /** Writes a deletion marker (see {@link StoreLayout#deletionMarker}) holding the time of the deletion. */
    void writeDeletionMarker(String name, Instant at);

    /** The time a deletion marker holds, if it was written. */
    Optional<Instant> deletionMarker(String name);

    /**
     * A URL that serves the staged copy until {@code ttl} has passed; a store whose URLs point back at this
     * application without a configured public URL answers one relative to it (see {@link MediaUrl#against}).
     *
     * @param downloadName a file name to serve as an attachment, or empty to serve inline
     * @param subject the grant subject the URL is for, carried in the URL under its signature, so that the store's
     *     record of each fetch says for whom it was signed
     */
    MediaUrl presign(StagedKey key, StagedMedia media, Duration ttl, Optional<String> downloadName,
            Optional<String> subject);

    /**
     * Removes every staged copy of a session, archived ones too (and any unfinished one); returns what was removed,
     * each copy with the size and SHA-256 its manifest recorded.
     */
    List<RemovedCopy> deleteSession(String provider, String sessionId);

    /** Removes one media item's staged copy (and its archived one); returns what was removed. */
    List<RemovedCopy> deleteMedia(StagedKey key);

    /**
     * A record about a session kept apart from its copies (a legal hold: {@code holds/{provider}/{sessionId}.json}),
     * which no delete or expiry of copies touches; empty when there is none.
     */
    Optional<byte[]> readRecord(String name);

    /** Writes (or replaces) a record, whole or not at all. */
    void writeRecord(String name, byte[] bytes);

    /**
     * Writes a record that is never replaced nor removed (an erasure receipt). Where the bucket has S3 Object Lock and
     * {@code retainUntil} is given, the record is locked until then, in {@code lockMode} ({@code COMPLIANCE} or
     * {@code GOVERNANCE}); a store without Object Lock writes it as any record.
     */
    default void writeRetainedRecord(String name, byte[] bytes, Optional<Instant> retainUntil, String lockMode) {
        writeRecord(name, bytes);
    }

    /**
     * Keeps a held session's copies past their lifetimes ({@code held}), or gives them back to their expiry: in S3, the
     * copies' expiry tag where copies carry one, and the Object Lock legal hold of every version of the archived copies
     * where the bucket has Object Lock; returns how many objects (or versions) it changed. A store whose copies expire
     * by no rule of its own (the local directory) does nothing.
     */
    default int holdCopies(String provider, String sessionId, boolean held) {
        return 0;
    }

    /** Removes a record; nothing when there is none. */
    void deleteRecord(String name);

    /**
     * The names of the records under a prefix of record names (ending with a slash), in ascending order, at most
     * {@code max} of them, beginning after {@code after} when it is given.
     */
    List<String> listRecords(String prefix, Optional<String> after, int max);
}
