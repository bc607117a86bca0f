package io.idvmedia.provider.yoti;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The typed view of a Yoti IDV session. Yoti adds check, task, liveness and resource types over time: every
 * record ignores unknown fields, and every type is kept as the provider's string, with a known-type lookup that
 * falls back to {@code UNKNOWN} rather than failing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record YotiSession(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("client_session_token_ttl") Long clientSessionTokenTtl,
        @JsonProperty("user_tracking_id") String userTrackingId,
        String state,
        Resources resources,
        List<Check> checks) {

    public YotiSession {
        resources = resources == null ? new Resources(null, null, null, null) : resources;
        checks = nonNull(checks);
    }

    /** Parses session JSON leniently; fails only on JSON that is not a session object at all. */
    public static YotiSession parse(ObjectMapper mapper, byte[] json) throws IOException {
        YotiSession session = reader(mapper).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(json);
        if (session == null) {
            throw new IOException("The session JSON is null");
        }
        return session;
    }

    /** The typed view of an already parsed session. */
    public static YotiSession of(ObjectMapper mapper, JsonNode tree) throws IOException {
        if (tree == null || !tree.isObject()) {
            throw new IOException("The session JSON is not an object");
        }
        return reader(mapper).readValue(tree);
    }

    private static ObjectReader reader(ObjectMapper mapper) {
        return mapper.readerFor(YotiSession.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** What the session holds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resources(
            @JsonProperty("id_documents") List<IdDocument> idDocuments,
            @JsonProperty("liveness_capture") List<Liveness> livenessCapture,
            @JsonProperty("face_capture") List<FaceCapture> faceCapture,
            @JsonProperty("supplementary_documents") List<IdDocument> supplementaryDocuments) {

        public Resources {
            idDocuments = nonNull(idDocuments);
            livenessCapture = nonNull(livenessCapture);
            faceCapture = nonNull(faceCapture);
            supplementaryDocuments = nonNull(supplementaryDocuments);
        }
    }

    /** An identity or supplementary document. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IdDocument(
            String id,
            @JsonProperty("document_type") String documentType,
            @JsonProperty("issuing_country") String issuingCountry,
            List<Task> tasks,
            List<Page> pages,
            @JsonProperty("document_fields") MediaHolder documentFields,
            @JsonProperty("document_id_photo") MediaHolder documentIdPhoto,
            MediaHolder file) {

        public IdDocument {
            tasks = nonNull(tasks);
            pages = nonNull(pages);
        }
    }

    /** A captured page and its frames. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("capture_method") String captureMethod, Media media, List<MediaHolder> frames) {
        public Page {
            frames = nonNull(frames);
        }
    }

    /** Anything that only points at a media item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MediaHolder(Media media) {
    }

    /** A pointer to a media item; content is fetched separately. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Media(String id, String type, String created, @JsonProperty("last_updated") String lastUpdated) {
    }

    /** A task run on a resource, such as text extraction. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Task(
            String id,
            String type,
            String state,
            @JsonProperty("generated_media") List<Media> generatedMedia,
            @JsonProperty("generated_checks") List<GeneratedCheck> generatedChecks) {

        public Task {
            generatedMedia = nonNull(generatedMedia);
            generatedChecks = nonNull(generatedChecks);
        }

        public TaskType knownType() {
            return TaskType.of(type);
        }
    }

    /** A check a task produced. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GeneratedCheck(String id, String type) {
    }

    /** A liveness capture: ZOOM frames and a face map, a STATIC image, or a type this model does not know. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Liveness(
            String id,
            @JsonProperty("liveness_type") String livenessType,
            List<MediaHolder> frames,
            MediaHolder facemap,
            MediaHolder image,
            List<Task> tasks) {

        public Liveness {
            frames = nonNull(frames);
            tasks = nonNull(tasks);
        }

        public LivenessType knownType() {
            return LivenessType.of(livenessType);
        }
    }

    /** A face capture resource. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FaceCapture(String id, MediaHolder image, List<Task> tasks) {
        public FaceCapture {
            tasks = nonNull(tasks);
        }
    }

    /** A check and its report. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Check(
            String id,
            String type,
            String state,
            @JsonProperty("resources_used") List<String> resourcesUsed,
            @JsonProperty("generated_media") List<Media> generatedMedia,
            Report report) {

        public Check {
            resourcesUsed = nonNull(resourcesUsed);
            generatedMedia = nonNull(generatedMedia);
        }

        public CheckType knownType() {
            return CheckType.of(type);
        }
    }

    /** A check's outcome. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Report(Recommendation recommendation, List<Breakdown> breakdown) {
        public Report {
            breakdown = nonNull(breakdown);
        }
    }

    /** APPROVE, REJECT or NOT_AVAILABLE, with a reason when not approved. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recommendation(String value, String reason,
            @JsonProperty("recovery_suggestion") String recoverySuggestion) {
    }

    /** One sub-check of a report. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Breakdown(@JsonProperty("sub_check") String subCheck, String result) {
    }

    /** Check types this model knows; anything else is {@link #UNKNOWN}. */
    public enum CheckType {
        ID_DOCUMENT_AUTHENTICITY, ID_DOCUMENT_TEXT_DATA_CHECK, ID_DOCUMENT_FACE_MATCH, ID_DOCUMENT_COMPARISON,
        LIVENESS, FACE_COMPARISON, SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK, THIRD_PARTY_IDENTITY,
        WATCHLIST_SCREENING, WATCHLIST_ADVANCED_CA, UNKNOWN;

        static CheckType of(String type) {
            return lookup(values(), type, UNKNOWN);
        }
    }

    /** Task types this model knows; anything else is {@link #UNKNOWN}. */
    public enum TaskType {
        ID_DOCUMENT_TEXT_DATA_EXTRACTION, SUPPLEMENTARY_DOCUMENT_TEXT_DATA_EXTRACTION, UNKNOWN;

        static TaskType of(String type) {
            return lookup(values(), type, UNKNOWN);
        }
    }

    /** Liveness types this model knows; anything else is {@link #UNKNOWN}. */
    public enum LivenessType {
        ZOOM, STATIC, UNKNOWN;

        static LivenessType of(String type) {
            return lookup(values(), type, UNKNOWN);
        }
    }

    private static <E extends Enum<E>> E lookup(E[] values, String name, E fallback) {
        return Arrays.stream(values).filter(v -> v != fallback && v.name().equals(name)).findFirst().orElse(fallback);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
