package io.idvmedia.provider.onfido;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.DeletionScope;
import io.idvmedia.provider.IdFormat;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.ProviderDescriptor;
import io.idvmedia.provider.SessionDocument;
import io.idvmedia.provider.SessionSnapshot;
import io.idvmedia.provider.SessionSummary;
import io.idvmedia.provider.TimedCache;
import io.idvmedia.provider.http.ProviderCall;
import io.idvmedia.provider.http.ProviderCalls;
import io.idvmedia.provider.http.ProviderDocument;
import io.idvmedia.provider.http.ProviderEndpoint;
import io.idvmedia.provider.http.ProviderError;
import io.idvmedia.provider.http.RequestSigning;
import io.idvmedia.secrets.SecretSettings;
import io.idvmedia.secrets.SecretsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Onfido (API v3.6), with {@code Authorization: Token token=...}. A session is a workflow run; its media are those
 * of the run's applicant, listed from the applicant's documents, live photos, live videos, motion captures and ID
 * photos. A media id is served only if it is one of them, which the run's index (kept briefly) tells without
 * downloading anything.
 */
@ApplicationScoped
public class OnfidoProvider implements IdvProvider, ProviderEndpoint, SecretSettings {

    public static final String NAME = "onfido";
    /** Onfido, described once. */
    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(NAME, IdFormat.UUID, IdFormat.UUID,
            List.of("idv.onfido.api-token"), List.of("idv.onfido.webhook-tokens"),
            "workflow_run.completed events with X-SHA2-Signature, the HMAC-SHA256 of the body with the webhook token");

    private final OnfidoConfig config;
    private final SecretsProvider secrets;
    private final ProviderCalls calls;
    private final TimedCache<OnfidoMediaIndex> indexes;

    @Inject
    public OnfidoProvider(OnfidoConfig config, SecretsProvider secrets, ProviderCalls calls) {
        this.config = config;
        this.secrets = secrets;
        this.calls = calls;
        this.indexes = new TimedCache<>(config.mediaIndexTtl(), 10_000, Clock.systemUTC());
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SessionDocument getSession(String runId) {
        return run(runId).asSession();
    }

    @Override
    public List<MediaItem> listMedia(String runId) {
        return index(runId).items();
    }

    @Override
    public SessionSummary summarize(String runId) {
        return snapshot(runId).summary();
    }

    @Override
    public SessionSnapshot snapshot(String runId) {
        ProviderDocument run = run(runId);
        return new SessionSnapshot(run.asSession(), OnfidoSummary.of(runId, run.tree(),
                index(runId, run.tree()).items()));
    }

    @Override
    public MediaContent getMedia(String runId, String mediaId) {
        // Onfido's download paths name no applicant: without this check any media id would pass under any run.
        OnfidoMediaType type = index(runId).typeOf(mediaId).orElseThrow(() -> new ProviderException(
                ProblemType.NOT_FOUND, "Media " + mediaId + " of session " + runId + " not found at onfido", 404));
        return calls.openMedia(this, ProviderCall.get(OnfidoApi.DOWNLOAD, List.of(type.collection(), mediaId), mediaId,
                "Media " + mediaId + " of session " + runId));
    }

    /**
     * Onfido deletes a run only by deleting its applicant, and with the applicant every other run of theirs: unless
     * the caller asked for the applicant's scope, a run whose applicant has other runs is refused (409, with their
     * count and never their ids). Onfido lists workflow runs by account only, so the runs are read page by page (at
     * most {@code idv.onfido.run-scan-max-pages}); an account too large to read through is refused the same way.
     */
    @Override
    public void checkDeletionScope(String runId, DeletionScope scope) {
        if (scope == DeletionScope.APPLICANT) {
            return;
        }
        String applicantId = applicantOf(runId, run(runId).tree());
        int others = 0;
        for (int page = 1; ; page++) {
            if (page > config.runScanMaxPages()) {
                throw new IdvException(ProblemType.CONFLICT, "onfido deletes a session by deleting its applicant,"
                        + " and the account's workflow runs are too many to check that the applicant has no other"
                        + " (more than " + config.runScanMaxPages() + " pages); add scope=applicant to delete the"
                        + " applicant with every run of theirs");
            }
            JsonNode list = calls.getJsonArray(this, ProviderCall.get(OnfidoApi.WORKFLOW_RUNS, List.of(), runId,
                    "Workflow runs").withQuery("page", String.valueOf(page)).withQuery("sort", "desc")).tree();
            if (list.isEmpty()) {
                break;
            }
            for (JsonNode other : list) {
                if (applicantId.equals(other.path("applicant_id").asText(null))
                        && !runId.equals(other.path("id").asText(null))) {
                    others++;
                }
            }
        }
        if (others > 0) {
            throw new IdvException(ProblemType.CONFLICT, "onfido deletes a session by deleting its applicant, who has "
                    + others + " other workflow run" + (others == 1 ? "" : "s") + " that would be deleted too; add"
                    + " scope=applicant to delete the applicant with every run of theirs");
        }
    }

    /** Deletes the run's applicant, and with it everything Onfido holds of them (Onfido schedules it: 204). */
    @Override
    public Deletion deleteSession(String runId) {
        String applicantId = applicantOf(runId, run(runId).tree());
        Deletion deletion = calls.delete(this, ProviderCall.delete(OnfidoApi.APPLICANT, List.of(applicantId),
                applicantId, "Applicant of session " + runId));
        indexes.invalidate(runId);
        return deletion;
    }

    @Override
    public Deletion deleteMedia(String runId, String mediaId) {
        throw new IdvException(ProblemType.NOT_SUPPORTED_BY_PROVIDER, "onfido offers no deletion of a single"
                + " media item; delete the whole session instead (DELETE /v1/onfido/sessions/" + runId + "), which"
                + " deletes its applicant");
    }

    private ProviderDocument run(String runId) {
        return calls.getJson(this, ProviderCall.get(OnfidoApi.WORKFLOW_RUN, List.of(runId), runId, "Session " + runId));
    }

    private OnfidoMediaIndex index(String runId) {
        return indexes.get(runId, () -> list(runId, run(runId).tree()));
    }

    private OnfidoMediaIndex index(String runId, JsonNode run) {
        return indexes.get(runId, () -> list(runId, run));
    }

    private OnfidoMediaIndex list(String runId, JsonNode run) {
        String applicantId = applicantOf(runId, run);
        OnfidoMediaIndex.Builder index = OnfidoMediaIndex.forApplicant(applicantId);
        for (OnfidoMediaType type : OnfidoMediaType.values()) {
            index.add(type, calls.getJson(this, ProviderCall.get(OnfidoApi.LIST, List.of(type.collection()),
                    applicantId, "Applicant of session " + runId).withQuery("applicant_id", applicantId)).tree());
        }
        return index.build();
    }

    /** The run's applicant; a run without one (or with one that is not a UUID) has no media to name. */
    private static String applicantOf(String runId, JsonNode run) {
        String applicantId = run.path("applicant_id").asText(null);
        if (!IdFormat.UUID.matches(applicantId)) {
            throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE, "onfido sent workflow run " + runId
                    + " without a usable applicant_id", 200);
        }
        return IdFormat.UUID.require("applicant_id", applicantId);
    }

    @Override
    public URI base() {
        return config.baseUrl().orElseThrow(() -> NotConfiguredException.missing("Onfido", "idv.onfido.base-url"));
    }

    /** {@code Authorization: Token token=...} with the current API token. */
    @Override
    public RequestSigning signing() {
        String token = secrets.get(config.apiToken()
                .orElseThrow(() -> NotConfiguredException.missing("Onfido", "idv.onfido.api-token")));
        return (method, uri) -> new RequestSigning.Signed(uri, Map.of("Authorization", "Token token=" + token));
    }

    @Override
    public void forgetCredentials() {
        config.apiToken().ifPresent(secrets::invalidate);
    }

    /** Onfido's errors read {@code {"error": {"type", "message", "fields"}}}; the type is its code. */
    @Override
    public Optional<String> errorCode(JsonNode body) {
        JsonNode type = body.path("error").path("type");
        return type.isTextual() ? Optional.of(type.asText()) : Optional.empty();
    }

    /** 422 is a request Onfido found invalid: a 400 naming only the error type; every 5xx is a 502. */
    @Override
    public ProviderException error(ProviderError error) {
        if (error.status() == 422) {
            return new ProviderException(ProblemType.INVALID_REQUEST, "onfido found the request invalid (HTTP 422"
                    + error.safeCode().map(c -> ", type " + c).orElse("") + ")",
                    error.status());
        }
        if (error.status() >= 500) {
            return new ProviderException(ProblemType.PROVIDER_ERROR, "onfido answered HTTP " + error.status(),
                    error.status());
        }
        return error.common();
    }

    /** The credentials, when set, are read once at start-up (see SecretChecks). */
    @Override
    public Map<String, List<String>> secretSettings() {
        return SecretSettings.present(Map.of("idv.onfido.api-token", config.apiToken()));
    }
}
