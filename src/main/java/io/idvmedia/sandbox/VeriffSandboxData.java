package io.idvmedia.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.provider.veriff.VeriffApi;
import io.idvmedia.signing.HmacSha256;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The Veriff sandbox's seeded sessions and media, what has been deleted since start (or the last {@link #reset}),
 * and how often each media item was downloaded. Ids are fixed so that documentation and tests can name them.
 */
@ApplicationScoped
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class VeriffSandboxData implements SandboxCompletion {

    /** An approved session: document front and back, face, a WebM selfie video, NFC data. */
    public static final String APPROVED = "55555555-5555-4555-8555-555555555555";
    /** A declined session, with a media item whose response signature is wrong. */
    public static final String DECLINED = "66666666-6666-4666-8666-666666666666";
    /** A session still in progress: no decision yet, and deleting it is refused (400, code 1306). */
    public static final String IN_PROGRESS = "77777777-7777-4777-8777-777777777777";

    public static final String DOCUMENT_FRONT = "b5000000-0000-4000-8000-000000000001";
    public static final String DOCUMENT_BACK = "b5000000-0000-4000-8000-000000000002";
    public static final String FACE = "b5000000-0000-4000-8000-000000000003";
    public static final String SELFIE_VIDEO = "b5000000-0000-4000-8000-000000000004";
    public static final String NFC = "b5000000-0000-4000-8000-000000000005";
    public static final String DECLINED_DOCUMENT_FRONT = "b6000000-0000-4000-8000-000000000001";
    public static final String DECLINED_FACE = "b6000000-0000-4000-8000-000000000002";
    /** Its response carries a signature that does not match its body. */
    public static final String BADLY_SIGNED = "b6000000-0000-4000-8000-000000000003";
    /** A 12 MiB video whose response signature does not match: found only at its end. */
    public static final String BADLY_SIGNED_VIDEO = "b6000000-0000-4000-8000-000000000004";
    /** A 12 MiB video whose connection breaks after 7 MiB. */
    public static final String BROKEN_VIDEO = "b6000000-0000-4000-8000-000000000005";
    public static final long FAULTY_VIDEO_SIZE = 12L * 1024 * 1024;
    public static final long BROKEN_AFTER = 7L * 1024 * 1024;

    /** The seed of the generated video, so that tests can generate the same bytes to compare. */
    public static final long VIDEO_SEED = 0x7E81FFL;

    private final Map<String, Session> sessions;
    private final Map<String, Media> media;
    private final Set<String> deletedSessions = ConcurrentHashMap.newKeySet();
    /** Delete requests received, by the id they named (deleted or not): a provider call each. */
    private final DownloadCounts deletions = new DownloadCounts();
    private final DownloadCounts downloads = new DownloadCounts();
    private final Map<String, String> signatures = new ConcurrentHashMap<>();
    private final String sharedSecret;
    private final String apiKey;
    private final ObjectMapper json;

    @Inject
    public VeriffSandboxData(SandboxConfig config, SandboxKeys keys, ObjectMapper json) {
        this.sharedSecret = keys.veriffSharedSecret();
        this.apiKey = config.veriff().apiKey();
        this.json = json;
        long videoSize = config.videoSize();
        byte[] front = SandboxImages.jpeg(640, 404, 5);
        byte[] back = SandboxImages.jpeg(640, 404, 6);
        byte[] face = SandboxImages.jpeg(320, 240, 7);
        byte[] nfc = VeriffSandboxSessions.nfc();
        media = Map.of(
                BADLY_SIGNED_VIDEO, new Media(DECLINED, "video/webm", FAULTY_VIDEO_SIZE, true, -1,
                        () -> GeneratedMedia.webm(FAULTY_VIDEO_SIZE, 1)),
                BROKEN_VIDEO, new Media(DECLINED, "video/webm", FAULTY_VIDEO_SIZE, false, BROKEN_AFTER,
                        () -> GeneratedMedia.webm(FAULTY_VIDEO_SIZE, 2)),
                DOCUMENT_FRONT, Media.bytes(APPROVED, "image/jpeg", front),
                DOCUMENT_BACK, Media.bytes(APPROVED, "image/jpeg", back),
                FACE, Media.bytes(APPROVED, "image/jpeg", face),
                SELFIE_VIDEO, new Media(APPROVED, "video/webm", videoSize, false, -1,
                        () -> GeneratedMedia.webm(videoSize, VIDEO_SEED)),
                NFC, Media.bytes(APPROVED, "application/json", nfc),
                DECLINED_DOCUMENT_FRONT, Media.bytes(DECLINED, "image/jpeg", front),
                DECLINED_FACE, Media.bytes(DECLINED, "image/jpeg", face),
                BADLY_SIGNED, new Media(DECLINED, "image/jpeg", face.length, true, -1,
                        () -> new ByteArrayInputStream(face)));
        sessions = Map.of(
                APPROVED, new Session(false, VeriffSandboxSessions.approvedDecision(),
                        VeriffSandboxSessions.approvedMedia(front.length, back.length, face.length, videoSize,
                                nfc.length)),
                DECLINED, new Session(false, VeriffSandboxSessions.declinedDecision(),
                        VeriffSandboxSessions.declinedMedia(front.length, face.length, FAULTY_VIDEO_SIZE)),
                IN_PROGRESS, new Session(true, VeriffSandboxSessions.inProgressDecision(),
                        VeriffSandboxSessions.emptyMedia()));
    }

    public Optional<Session> session(String id) {
        return deletedSessions.contains(id) ? Optional.empty() : Optional.ofNullable(sessions.get(id));
    }

    /** A media item, unless its session was deleted. */
    public Optional<Media> media(String mediaId) {
        Media m = media.get(mediaId);
        return m == null || deletedSessions.contains(m.sessionId()) ? Optional.empty() : Optional.of(m);
    }

    /** Counts a download and returns the signature to send with it (computed once per media item). */
    public String download(String mediaId, Media m) {
        downloads.count(mediaId);
        String signature = signatures.computeIfAbsent(mediaId, k -> sign(m));
        return m.badlySigned() ? HmacSha256.sign(sharedSecret + "-wrong", mediaId) : signature;
    }

    public int downloads(String mediaId) {
        return downloads.of(mediaId);
    }

    public void deleteSession(String id) {
        deletedSessions.add(id);
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
        deletedSessions.clear();
        deletions.clear();
        downloads.clear();
    }

    public String sign(byte[] body) {
        return HmacSha256.sign(sharedSecret, body);
    }

    private String sign(Media m) {
        // Streams the body once through the HMAC: a large video is never held to be signed.
        HmacSha256.Verifier hmac = new HmacSha256.Verifier(sharedSecret);
        try (InputStream in = m.content().get()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                hmac.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hmac.hex();
    }

    /** A seeded session: its decision JSON and media list JSON, and whether it is still in progress. */
    @Override
    public String provider() {
        return "veriff";
    }

    /** A decision webhook with the session's status and code, signed with the shared secret as Veriff signs it. */
    @Override
    public Optional<Webhook> completionWebhook(String sessionId) throws IOException {
        Optional<Session> session = session(sessionId);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        if (session.get().inProgress()) {
            throw SandboxCompletion.inProgress();
        }
        JsonNode decision = json.readTree(session.get().decisionBytes());
        ObjectNode body = json.createObjectNode().put("status", "success");
        body.putObject("verification").put("id", sessionId)
                .put("status", decision.path("verification").path("status").asText())
                .put("code", decision.path("verification").path("code").asInt());
        byte[] bytes = json.writeValueAsBytes(body);
        return Optional.of(new Webhook(bytes, Map.of("X-AUTH-CLIENT", apiKey,
                VeriffApi.SIGNATURE_HEADER, HmacSha256.sign(sharedSecret, bytes))));
    }

    public record Session(boolean inProgress, String decision, String mediaList) {
        public byte[] decisionBytes() {
            return decision.getBytes(StandardCharsets.UTF_8);
        }

        public byte[] mediaListBytes() {
            return mediaList.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A seeded media item; {@code breaksAfter} is where its connection breaks on purpose, or -1. */
    public record Media(String sessionId, String contentType, long length, boolean badlySigned, long breaksAfter,
            Supplier<InputStream> content) {
        static Media bytes(String sessionId, String contentType, byte[] bytes) {
            return new Media(sessionId, contentType, bytes.length, false, -1, () -> new ByteArrayInputStream(bytes));
        }
    }
}
