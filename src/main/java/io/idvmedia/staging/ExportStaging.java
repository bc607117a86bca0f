package io.idvmedia.staging;

import java.util.List;
import java.util.Optional;

/** What a staging job of kind export does: stage a session's export (the export feature provides it). */
public interface ExportStaging {

    /**
     * Stages the session's export unless a fresh one is staged.
     *
     * @param requestedBy the grant subject it is made for, named in its manifest
     * @return the media ids the export staged now holds; empty when a fresh one was staged already
     */
    Optional<List<String>> stageUnlessFresh(String provider, String sessionId, Optional<String> requestedBy);
}
