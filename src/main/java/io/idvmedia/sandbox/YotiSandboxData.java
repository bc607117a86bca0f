package io.idvmedia.sandbox;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The Yoti sandbox's seeded sessions and media, and what has been deleted since start (or the last
 * {@link #reset}). Ids are fixed so that documentation and tests can name them.
 */
@ApplicationScoped
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class YotiSandboxData implements SandboxCompletion {

    /** A COMPLETED driving-licence session: pages, fields, text extraction, ZOOM liveness, three checks. */
    public static final String COMPLETED = "11111111-1111-4111-8111-111111111111";
    /** An ONGOING session: deleting it is refused with 409. */
    public static final String ONGOING = "22222222-2222-4222-8222-222222222222";
    /** A session with check, task, liveness and resource types no model knows. */
    public static final String UNKNOWN_TYPES = "33333333-3333-4333-8333-333333333333";
    /** A session holding the large generated video. */
    public static final String VIDEO = "44444444-4444-4444-8444-444444444444";

    /** A small session a browser can show whole: a document page, a selfie and a 3 s playable WebM video. */
    public static final String VIEWER = "88888888-8888-4888-8888-888888888888";

    public static final String FRONT_PAGE = "a1000000-0000-4000-8000-000000000001";
    public static final String BACK_PAGE = "a1000000-0000-4000-8000-000000000002";
    public static final String DOCUMENT_FIELDS = "a1000000-0000-4000-8000-000000000003";
    public static final String TEXT_EXTRACTION = "a1000000-0000-4000-8000-000000000004";
    public static final String LIVENESS_FRAME_1 = "a1000000-0000-4000-8000-000000000005";
    public static final String LIVENESS_FRAME_2 = "a1000000-0000-4000-8000-000000000006";
    public static final String LIVENESS_FRAME_3 = "a1000000-0000-4000-8000-000000000007";
    public static final String FACEMAP = "a1000000-0000-4000-8000-000000000008";
    /** Exists, but has no content: answers 204. */
    public static final String EMPTY_ID_PHOTO = "a1000000-0000-4000-8000-000000000009";
    public static final String ONGOING_PAGE = "a2000000-0000-4000-8000-000000000001";
    public static final String UNKNOWN_FRAME = "a3000000-0000-4000-8000-000000000001";
    public static final String UNKNOWN_CONTAINER_MEDIA = "a3000000-0000-4000-8000-000000000002";
    public static final String VIDEO_MEDIA = "a4000000-0000-4000-8000-000000000001";
    public static final String VIDEO_STILL = "a4000000-0000-4000-8000-000000000002";

    public static final String VIEWER_PAGE = "a8000000-0000-4000-8000-000000000001";
    public static final String VIEWER_SELFIE = "a8000000-0000-4000-8000-000000000002";
    public static final String VIEWER_CLIP = "a8000000-0000-4000-8000-000000000003";

    /** The seed of the generated video, so that tests can generate the same bytes to compare. */
    public static final long VIDEO_SEED = 0x1D7A11L;

    private final Map<String, Session> sessions;
    private final String notificationToken;
    private final Set<String> deletedSessions = ConcurrentHashMap.newKeySet();
    /** Delete requests received, by the id they named (deleted or not): a provider call each. */
    private final DownloadCounts deletions = new DownloadCounts();
    private final Set<String> deletedMedia = ConcurrentHashMap.newKeySet();
    /** Provider traffic, as a provider would bill it: session reads and media downloads by id. */
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

    @Inject
    public YotiSandboxData(SandboxConfig config) {
        this.notificationToken = config.yoti().notificationToken();
        long videoSize = config.videoSize();
        byte[] front = SandboxImages.jpeg(640, 404, 1);
        byte[] back = SandboxImages.jpeg(640, 404, 2);
        byte[] frame = SandboxImages.jpeg(320, 240, 3);
        byte[] still = SandboxImages.jpeg(320, 240, 4);
        byte[] facemap = new byte[2048];
        new SplittableRandom(7).nextBytes(facemap);
        sessions = Map.of(
                COMPLETED, new Session("COMPLETED", YotiSandboxSessions.completed(), Map.of(
                        FRONT_PAGE, Media.bytes("image/jpeg", front),
                        BACK_PAGE, Media.bytes("image/jpeg", back),
                        DOCUMENT_FIELDS, Media.bytes("application/json", YotiSandboxSessions.documentFields()),
                        TEXT_EXTRACTION, Media.bytes("application/json", YotiSandboxSessions.textExtraction()),
                        LIVENESS_FRAME_1, Media.bytes("image/jpeg", frame),
                        LIVENESS_FRAME_2, Media.bytes("image/jpeg", frame),
                        LIVENESS_FRAME_3, Media.bytes("image/jpeg", frame),
                        FACEMAP, Media.bytes("application/octet-stream", facemap),
                        EMPTY_ID_PHOTO, Media.none())),
                ONGOING, new Session("ONGOING", YotiSandboxSessions.ongoing(), Map.of(
                        ONGOING_PAGE, Media.bytes("image/jpeg", front))),
                UNKNOWN_TYPES, new Session("COMPLETED", YotiSandboxSessions.unknownTypes(), Map.of(
                        UNKNOWN_FRAME, Media.bytes("image/jpeg", frame),
                        UNKNOWN_CONTAINER_MEDIA, Media.bytes("image/jpeg", still))),
                VIDEO, new Session("COMPLETED", YotiSandboxSessions.video(videoSize), Map.of(
                        VIDEO_MEDIA, new Media("video/mp4", videoSize, () -> GeneratedMedia.mp4(videoSize, VIDEO_SEED)),
                        VIDEO_STILL, Media.bytes("image/jpeg", still))),
                VIEWER, new Session("COMPLETED", YotiSandboxSessions.viewer(), Map.of(
                        VIEWER_PAGE, Media.bytes("image/jpeg", SandboxImages.jpeg(480, 303, 5)),
                        VIEWER_SELFIE, Media.bytes("image/jpeg", SandboxImages.jpeg(240, 320, 6)),
                        VIEWER_CLIP, Media.bytes("video/webm", SandboxImages.resource("/sandbox/selfie-clip.webm")))));
    }

    public Optional<Session> session(String id) {
        return deletedSessions.contains(id) ? Optional.empty() : Optional.ofNullable(sessions.get(id));
    }

    public Optional<Media> media(String sessionId, String mediaId) {
        if (deletedMedia.contains(mediaId)) {
            return Optional.empty();
        }
        return session(sessionId).map(s -> s.media().get(mediaId));
    }

    public void deleteSession(String id) {
        deletedSessions.add(id);
    }

    /** Counts one read of a session document or one download of a media item. */
    public void count(String id) {
        reads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    /** How often a session was read, or a media item downloaded, since the last {@link #reset}. */
    public int reads(String id) {
        AtomicInteger count = reads.get(id);
        return count == null ? 0 : count.get();
    }

    public void deleteMedia(String mediaId) {
        deletedMedia.add(mediaId);
    }

    /** Counts a delete request naming this id, whatever it found. */
    public void countDeletion(String id) {
        deletions.count(id);
    }

    /** How many delete requests named this id since the last {@link #reset}. */
    public int deletions(String id) {
        return deletions.of(id);
    }

    /** Brings back everything deleted. */
    public void reset() {
        deletedSessions.clear();
        deletions.clear();
        deletedMedia.clear();
        reads.clear();
    }

    /** A seeded session. */
    @Override
    public String provider() {
        return "yoti";
    }

    /** A {@code session_completion} notification carrying the notification token, as Yoti sends it. */
    @Override
    public Optional<Webhook> completionWebhook(String sessionId) {
        Optional<Session> session = session(sessionId);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        if (!"COMPLETED".equals(session.get().state())) {
            throw SandboxCompletion.inProgress();
        }
        // A seeded session's id: a UUID, nothing to escape.
        String body = "{\"session_id\":\"" + sessionId + "\",\"topic\":\"session_completion\"}";
        return Optional.of(new Webhook(body.getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + notificationToken)));
    }

    public record Session(String state, String json, Map<String, Media> media) {
        public byte[] jsonBytes() {
            return json.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A seeded media item; a negative length means it has no content (204). */
    public record Media(String contentType, long length, Supplier<InputStream> content) {
        static Media bytes(String contentType, byte[] bytes) {
            return new Media(contentType, bytes.length, () -> new ByteArrayInputStream(bytes));
        }

        static Media none() {
            return new Media(null, -1, null);
        }

        public boolean hasContent() {
            return length >= 0;
        }
    }
}
