package io.idvmedia.media;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A staged or archived copy a delete removed, as an erasure receipt lists it.
 *
 * @param mediaId the media id it was a copy of ({@link StagedKey#EXPORT} for a session's export)
 * @param key where it was: the S3 object key, or its path under the local store's directory
 * @param size its size in bytes
 * @param sha256 hex SHA-256 of its bytes, from its manifest; absent for a copy that had none (never completed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemovedCopy(@JsonIgnore String mediaId, String key, long size, String sha256) {
}
