package io.idvmedia.export;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One file of an export, as its {@code manifest.json} lists it.
 *
 * @param path where it is in the ZIP
 * @param mediaId the media item it holds; absent for {@code session.json} and {@code summary.json}
 * @param kind what the media shows, when the provider says
 * @param providerType the provider's own type for the media
 * @param contentType the type the provider served it with
 * @param size its length in bytes
 * @param sha256 hex SHA-256 of its bytes, computed as they were written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportEntry(String path, String mediaId, String kind, String providerType, String contentType,
        long size, String sha256) {
}
