package io.idvmedia.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.provider.onfido.OnfidoWebhooks;
import io.idvmedia.signing.HmacSha256;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The Onfido sandbox's seeded workflow runs, their applicants' media, what has been deleted since start (or the last
 * {@link #reset}), and how often each media item was downloaded. Shapes follow Onfido's public OpenAPI specification
 * (v3.6): a workflow run, and the documents, live photos, live videos, motion captures and ID photos lists. Ids are
 * fixed so that documentation and tests can name them.
 */
@ApplicationScoped
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class OnfidoSandboxData implements SandboxCompletion {

    /** An approved run: document front and back, a live photo, a live video, a motion capture, an ID photo. */
    public static final String APPROVED = "88888888-8888-4888-8888-888888888888";
    /** A run still waiting for the applicant, whose applicant has one document. */
    public static final String AWAITING_INPUT = "99999999-9999-4999-8999-999999999999";

    public static final String APPROVED_APPLICANT = "a8000000-0000-4000-8000-000000000000";
    /** Two approved runs of one applicant: deleting either deletes both, so a delete-session must say so. */
    public static final String SHARED_RUN = "8a888888-8888-4888-8888-888888888888";
    public static final String SHARED_OTHER_RUN = "8b888888-8888-4888-8888-888888888888";
    public static final String SHARED_APPLICANT = "aa000000-0000-4000-8000-000000000000";
    /** Workflow runs per page of the account's list. */
    public static final int RUNS_PER_PAGE = 20;
    public static final String AWAITING_APPLICANT = "a9000000-0000-4000-8000-000000000000";

    public static final String DOCUMENT_FRONT = "d8000000-0000-4000-8000-000000000001";
    public static final String DOCUMENT_BACK = "d8000000-0000-4000-8000-000000000002";
    public static final String LIVE_PHOTO = "d8000000-0000-4000-8000-000000000003";
    public static final String LIVE_VIDEO = "d8000000-0000-4000-8000-000000000004";
    public static final String MOTION_CAPTURE = "d8000000-0000-4000-8000-000000000005";
    /** A document of a type the application does not know ({@code application/x-onfido-scan}): an attachment. */
    public static final String UNKNOWN_TYPE = "d8000000-0000-4000-8000-000000000006";
    public static final String ID_PHOTO = "d8000000-0000-4000-8000-000000000007";
    public static final String AWAITING_DOCUMENT = "d9000000-0000-4000-8000-000000000001";

    /** The seed of the generated live video, so that tests can generate the same bytes to compare. */
    public static final long VIDEO_SEED = 0x0F1D0L;
    public static final long MOTION_CAPTURE_SIZE = 256 * 1024;

    private static final String CREATED = "2026-11-02T09:14:03Z";

    private final Map<String, Run> runs;
    private final Map<String, Media> media;
    private final Set<String> deletedApplicants = ConcurrentHashMap.newKeySet();
    /** Delete requests received, by the id they named (deleted or not): a provider call each. */
    private final DownloadCounts deletions = new DownloadCounts();
    private final DownloadCounts downloads = new DownloadCounts();
    private final ObjectMapper json;
    private final String webhookToken;

    @Inject
    public OnfidoSandboxData(SandboxConfig config, SandboxKeys keys, ObjectMapper json) {
        this.json = json;
        this.webhookToken = keys.onfidoWebhookToken();
        long videoSize = config.videoSize();
        byte[] front = SandboxImages.jpeg(640, 404, 11);
        byte[] back = SandboxImages.jpeg(640, 404, 12);
        byte[] face = SandboxImages.jpeg(320, 240, 13);
        byte[] idPhoto = SandboxImages.jpeg(160, 200, 14);
        byte[] scan = SandboxImages.jpeg(200, 200, 15);
        Map<String, Media> all = new LinkedHashMap<>();
        all.put(DOCUMENT_FRONT, Media.bytes(APPROVED_APPLICANT, "documents", "image/jpeg", front));
        all.put(DOCUMENT_BACK, Media.bytes(APPROVED_APPLICANT, "documents", "image/jpeg", back));
        all.put(UNKNOWN_TYPE, Media.bytes(APPROVED_APPLICANT, "documents", "application/x-onfido-scan", scan));
        all.put(LIVE_PHOTO, Media.bytes(APPROVED_APPLICANT, "live_photos", "image/jpeg", face));
        all.put(LIVE_VIDEO, new Media(APPROVED_APPLICANT, "live_videos", "video/mp4", videoSize,
                () -> GeneratedMedia.mp4(videoSize, VIDEO_SEED)));
        all.put(MOTION_CAPTURE, new Media(APPROVED_APPLICANT, "motion_captures", "video/mp4", MOTION_CAPTURE_SIZE,
                () -> GeneratedMedia.mp4(MOTION_CAPTURE_SIZE, 5)));
        all.put(ID_PHOTO, Media.bytes(APPROVED_APPLICANT, "id_photos", "image/jpeg", idPhoto));
        all.put(AWAITING_DOCUMENT, Media.bytes(AWAITING_APPLICANT, "documents", "image/jpeg", front));
        media = Map.copyOf(all);
        runs = Map.of(
                APPROVED, new Run(APPROVED_APPLICANT, bytes(workflowRun(APPROVED, APPROVED_APPLICANT, "approved"))),
                SHARED_RUN, new Run(SHARED_APPLICANT, bytes(workflowRun(SHARED_RUN, SHARED_APPLICANT, "approved"))),
                SHARED_OTHER_RUN, new Run(SHARED_APPLICANT, bytes(workflowRun(SHARED_OTHER_RUN, SHARED_APPLICANT,
                        "approved"))),
                AWAITING_INPUT, new Run(AWAITING_APPLICANT,
                        bytes(workflowRun(AWAITING_INPUT, AWAITING_APPLICANT, "awaiting_input"))));
    }

    /** A seeded run, unless its applicant was deleted. */
    public Optional<Run> run(String id) {
        Run run = runs.get(id);
        return run == null || deletedApplicants.contains(run.applicantId()) ? Optional.empty() : Optional.of(run);
    }

    /** A page (from 1) of the account's runs whose applicants are not deleted, by id; empty past the last. */
    public byte[] runs(int page) {
        ArrayNode list = json.createArrayNode();
        runs.keySet().stream().sorted().filter(id -> run(id).isPresent()).skip((long) (page - 1) * RUNS_PER_PAGE)
                .limit(RUNS_PER_PAGE).forEach(id -> {
                    try {
                        list.add(json.readTree(runs.get(id).body()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        return bytes(list);
    }

    public boolean applicantExists(String applicantId) {
        return !deletedApplicants.contains(applicantId)
                && runs.values().stream().anyMatch(r -> r.applicantId().equals(applicantId));
    }

    /** One of Onfido's media lists of an applicant, e.g. {@code {"documents": [...]}}. */
    public byte[] list(String collection, String applicantId) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode items = answer.putArray(collection);
        media.entrySet().stream()
                .filter(e -> e.getValue().applicantId().equals(applicantId)
                        && e.getValue().collection().equals(collection))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> items.add(describe(e.getKey(), e.getValue())));
        return bytes(answer);
    }

    /** A media item of a collection, unless its applicant was deleted; counts the download. */
    public Optional<Media> download(String collection, String mediaId) {
        Media m = media.get(mediaId);
        if (m == null || !m.collection().equals(collection) || deletedApplicants.contains(m.applicantId())) {
            return Optional.empty();
        }
        downloads.count(mediaId);
        return Optional.of(m);
    }

    public int downloads(String mediaId) {
        return downloads.of(mediaId);
    }

    /** Schedules the applicant's deletion, which here is at once. */
    public boolean deleteApplicant(String applicantId) {
        return applicantExists(applicantId) && deletedApplicants.add(applicantId);
    }

    /** Counts a delete request naming this id, whatever it found. */
    public void countDeletion(String id) {
        deletions.count(id);
    }

    /** How many delete requests named this id since the last {@link #reset}. */
    public int deletions(String id) {
        return deletions.of(id);
    }

    public void reset() {
        deletedApplicants.clear();
        deletions.clear();
        downloads.clear();
    }

    private ObjectNode workflowRun(String id, String applicantId, String status) {
        ObjectNode run = json.createObjectNode();
        run.put("id", id).put("applicant_id", applicantId)
                .put("workflow_id", "f1d00000-0000-4000-8000-000000000001")
                .put("workflow_version_id", 3)
                .put("dashboard_url", "https://dashboard.onfido.com/results/" + id)
                .put("status", status)
                .put("created_at", CREATED).put("updated_at", CREATED);
        run.putArray("tags").add("sandbox");
        if ("approved".equals(status)) {
            ObjectNode output = run.putObject("output");
            output.putObject("document_report").put("status", "complete").put("result", "clear");
            output.putObject("facial_similarity_report").put("status", "complete").put("result", "clear");
            run.putArray("reasons");
        } else {
            run.putNull("output");
            run.putArray("reasons");
        }
        run.putNull("error");
        run.putObject("link").put("url", "https://eu.onfido.app/l/" + id.substring(0, 8))
                .put("completed_redirect_url", (String) null).put("expired_redirect_url", (String) null);
        return run;
    }

    private ObjectNode describe(String id, Media m) {
        String path = "/v3.6/" + m.collection() + "/" + id;
        ObjectNode item = json.createObjectNode();
        item.put("id", id).put("created_at", CREATED).put("href", path).put("download_href", path + "/download")
                .put("file_name", fileName(id, m)).put("file_type", fileType(m.contentType()))
                .put("file_size", m.length());
        switch (m.collection()) {
            case "documents" -> {
                item.put("type", id.equals(UNKNOWN_TYPE) ? "unknown" : "driving_licence")
                        .put("side", id.equals(DOCUMENT_BACK) ? "back" : "front")
                        .put("issuing_country", "GBR").put("applicant_id", m.applicantId());
            }
            case "live_videos" -> {
                ArrayNode challenge = item.putArray("challenge");
                challenge.addObject().put("type", "recite").putArray("query").add(4).add(9).add(1);
                challenge.addObject().put("type", "movement").put("query", "turnLeft");
            }
            default -> {
                // The other collections carry the common members only.
            }
        }
        return item;
    }

    private static String fileName(String id, Media m) {
        return m.collection() + "-" + id.substring(id.length() - 4) + "." + fileType(m.contentType());
    }

    private static String fileType(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "video/mp4" -> "mp4";
            case "application/x-onfido-scan" -> "scan";
            default -> "bin";
        };
    }

    private byte[] bytes(Object node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A seeded run: its applicant, and its JSON as sent. */
    @Override
    public String provider() {
        return "onfido";
    }

    /** A {@code workflow_run.completed} event signed with the webhook token, as Onfido signs it. */
    @Override
    public Optional<Webhook> completionWebhook(String sessionId) throws IOException {
        Optional<Run> found = run(sessionId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode run = json.readTree(found.get().body());
        String status = run.path("status").asText();
        if (status.equals("awaiting_input") || status.equals("processing")) {
            throw SandboxCompletion.inProgress();
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode payload = body.putObject("payload").put("resource_type", "workflow_run")
                .put("action", "workflow_run.completed");
        payload.putObject("object").put("id", sessionId).put("status", status)
                .put("completed_at_iso8601", run.path("updated_at").asText())
                .put("href", OnfidoSandboxResource.BASE + "/workflow_runs/" + sessionId);
        byte[] bytes = json.writeValueAsBytes(body);
        return Optional.of(new Webhook(bytes, Map.of(OnfidoWebhooks.SIGNATURE_HEADER,
                HmacSha256.sign(webhookToken, bytes))));
    }

    public record Run(String applicantId, byte[] body) {
    }

    /** A seeded media item of an applicant, in one of Onfido's collections. */
    public record Media(String applicantId, String collection, String contentType, long length,
            Supplier<InputStream> content) {
        static Media bytes(String applicantId, String collection, String contentType, byte[] bytes) {
            return new Media(applicantId, collection, contentType, bytes.length,
                    () -> new ByteArrayInputStream(bytes));
        }
    }

    /** The collections Onfido lists media in. */
    public static final List<String> COLLECTIONS = List.of("documents", "live_photos", "live_videos",
            "motion_captures", "id_photos");
}
