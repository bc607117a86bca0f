package io.idvmedia.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An export's {@code manifest.json}, its last file.
 *
 * @param provider the provider
 * @param sessionId the session
 * @param exportedAt when the export began
 * @param exportedBy the grant subject it was made for; absent without a grant
 * @param entries every other file of the ZIP, in the order written
 * @param omitted media items the session lists that have no file: the provider has no content for them, or no
 *     longer has them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportManifest(String provider, String sessionId, String exportedAt, String exportedBy,
        List<ExportEntry> entries, List<Omitted> omitted) {
}
