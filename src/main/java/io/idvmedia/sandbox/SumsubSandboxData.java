package io.idvmedia.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.provider.sumsub.SumsubApi;
import io.idvmedia.signing.HmacSha256;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Sumsub sandbox's seeded applicants and their images and videos, and how often each was downloaded. Shapes follow
 * Sumsub's public API reference: an applicant ({@code /resources/applicants/{id}/one}) with its {@code review}, and
 * the list of its resources ({@code {"items": [...], "totalItems"}}). Ids are fixed so that documentation and tests
 * can name them.
 */
@ApplicationScoped
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class SumsubSandboxData implements SandboxCompletion {

    /** Approved: ID card front and back, a selfie, a liveness video, a utility bill (PDF), a declined image. */
    public static final String APPROVED = "5f0a1b2c3d4e5f60718293a4";
    /** Rejected (forgery), with one passport page. */
    public static final String REJECTED = "5f0a1b2c3d4e5f60718293b5";
    /** Still waiting for the applicant. */
    public static final String PENDING = "5f0a1b2c3d4e5f60718293c6";

    public static final String ID_FRONT = "1408259001";
    public static final String ID_BACK = "1408259002";
    public static final String SELFIE = "1408259003";
    public static final String VIDEO = "1408259004";
    public static final String UTILITY_BILL = "1408259005";
    /** A front side from a declined first attempt, deactivated: listed, and served, for an investigator. */
    public static final String DECLINED = "1408259006";
    /** The rejected applicant's passport page: another applicant's image, never served under {@link #APPROVED}. */
    public static final String PASSPORT = "1408259101";
    public static final String PENDING_FRONT = "1408259201";

    /** The seed of the generated liveness video, so that tests can generate the same bytes to compare. */
    public static final long VIDEO_SEED = 0x5B5B;
    private static final String CREATED = "2026-11-20 10:15:42";
    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
            + "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Applicant> applicants;
    private final Map<String, Image> images;
    private final DownloadCounts downloads = new DownloadCounts();
    private final ObjectMapper json;
    private final String webhookSecret;

    @Inject
    public SumsubSandboxData(SandboxConfig config, SandboxKeys keys, ObjectMapper json) {
        this.json = json;
        this.webhookSecret = keys.sumsubWebhookSecret();
        long videoSize = config.videoSize();
        Map<String, Image> all = new LinkedHashMap<>();
        all.put(ID_FRONT, Image.bytes(APPROVED, "ID_CARD", "FRONT_SIDE", "jpeg", "image/jpeg",
                SandboxImages.jpeg(640, 404, 21), false, "fileupload"));
        all.put(ID_BACK, Image.bytes(APPROVED, "ID_CARD", "BACK_SIDE", "jpeg", "image/jpeg",
                SandboxImages.jpeg(640, 404, 22), false, "fileupload"));
        all.put(SELFIE, Image.bytes(APPROVED, "SELFIE", null, "jpeg", "image/jpeg", SandboxImages.jpeg(320, 240, 23),
                false, "liveness"));
        all.put(VIDEO, new Image(APPROVED, "VIDEO_SELFIE", null, "mp4", "video/mp4", videoSize,
                () -> GeneratedMedia.mp4(videoSize, VIDEO_SEED), false, "liveness"));
        all.put(UTILITY_BILL, Image.bytes(APPROVED, "UTILITY_BILL", null, "pdf", "application/pdf", PDF, false,
                "fileupload"));
        all.put(DECLINED, Image.bytes(APPROVED, "ID_CARD", "FRONT_SIDE", "jpeg", "image/jpeg",
                SandboxImages.jpeg(640, 404, 24), true, "fileupload"));
        all.put(PASSPORT, Image.bytes(REJECTED, "PASSPORT", null, "jpeg", "image/jpeg",
                SandboxImages.jpeg(640, 404, 25), false, "fileupload"));
        all.put(PENDING_FRONT, Image.bytes(PENDING, "ID_CARD", "FRONT_SIDE", "jpeg", "image/jpeg",
                SandboxImages.jpeg(640, 404, 26), false, "fileupload"));
        images = Map.copyOf(all);
        applicants = Map.of(
                APPROVED, new Applicant(bytes(applicant(APPROVED, "completed", "GREEN", List.of())), true),
                REJECTED, new Applicant(bytes(applicant(REJECTED, "completed", "RED", List.of("FORGERY",
                        "DOCUMENT_DAMAGED"))), true),
                PENDING, new Applicant(bytes(applicant(PENDING, "pending", null, List.of())), false));
    }

    public Optional<Applicant> applicant(String id) {
        return Optional.ofNullable(applicants.get(id));
    }

    /** The applicant's resources, as {@code /metadata/resources} lists them (deactivated ones too). */
    public byte[] resources(String applicantId) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode items = answer.putArray("items");
        images.entrySet().stream().filter(e -> e.getValue().applicantId().equals(applicantId))
                .sorted(Map.Entry.comparingByKey()).forEach(e -> items.add(describe(e.getKey(), e.getValue())));
        answer.put("totalItems", items.size());
        return bytes(answer);
    }

    /** An image of that applicant, counting the download; empty when it is not theirs. */
    public Optional<Image> download(String applicantId, String imageId) {
        Image image = images.get(imageId);
        if (image == null || !image.applicantId().equals(applicantId)) {
            return Optional.empty();
        }
        downloads.count(imageId);
        return Optional.of(image);
    }

    public int downloads(String imageId) {
        return downloads.of(imageId);
    }

    public void reset() {
        downloads.clear();
    }

    private ObjectNode applicant(String id, String reviewStatus, String answer, List<String> labels) {
        ObjectNode applicant = json.createObjectNode();
        applicant.put("id", id).put("createdAt", CREATED).put("key", "SANDBOXKEY")
                .put("clientId", "sandbox-client").put("inspectionId", "6a" + id.substring(2))
                .put("externalUserId", "sandbox-user-" + id.substring(20)).put("type", "individual");
        applicant.putObject("info").put("country", "GBR");
        ObjectNode review = applicant.putObject("review");
        review.put("reviewId", "Rv" + id.substring(18)).put("attemptId", "At" + id.substring(18))
                .put("attemptCnt", 2).put("levelName", "basic-kyc-level").put("createDate", CREATED)
                .put("reviewStatus", reviewStatus).put("priority", 0);
        if (answer != null) {
            ObjectNode result = review.putObject("reviewResult").put("reviewAnswer", answer);
            if (!labels.isEmpty()) {
                ArrayNode list = result.putArray("rejectLabels");
                labels.forEach(list::add);
                result.put("reviewRejectType", "FINAL");
            }
        }
        return applicant;
    }

    private ObjectNode describe(String id, Image image) {
        ObjectNode item = json.createObjectNode();
        item.put("id", id).put("previewId", String.valueOf(Long.parseLong(id) + 500_000)).put("addedDate", CREATED);
        item.putObject("fileMetadata").put("fileName", image.docType().toLowerCase(Locale.ROOT) + "-" + id + "."
                        + image.fileType()).put("fileType", image.fileType()).put("fileSize", image.length())
                .put("resolution", image.contentType().startsWith("image/") ? "640x404" : null);
        ObjectNode definition = item.putObject("idDocDef").put("country", "GBR").put("idDocType", image.docType());
        if (image.subType() != null) {
            definition.put("idDocSubType", image.subType());
        }
        item.putObject("reviewResult").put("reviewAnswer", image.deactivated() ? "RED" : "GREEN");
        item.put("attemptId", image.deactivated() ? "AtFirst" : "AtSecond").put("source", image.source())
                .put("deactivated", image.deactivated());
        return item;
    }

    private byte[] bytes(Object node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String provider() {
        return "sumsub";
    }

    /** An {@code applicantReviewed} event, digested with the webhook secret by HMAC-SHA256, as Sumsub sends it. */
    @Override
    public Optional<Webhook> completionWebhook(String sessionId) throws IOException {
        Applicant found = applicants.get(sessionId);
        if (found == null) {
            return Optional.empty();
        }
        if (!found.completed()) {
            throw SandboxCompletion.inProgress();
        }
        ObjectNode applicant = (ObjectNode) json.readTree(found.body());
        ObjectNode body = json.createObjectNode();
        body.put("applicantId", sessionId).put("inspectionId", applicant.path("inspectionId").asText())
                .put("correlationId", "sandbox-" + sessionId.substring(16)).put("levelName", "basic-kyc-level")
                .put("externalUserId", applicant.path("externalUserId").asText()).put("type", "applicantReviewed")
                .put("sandboxMode", true).put("reviewStatus", "completed").put("createdAtMs", CREATED + ".000");
        body.set("reviewResult", applicant.path("review").path("reviewResult"));
        byte[] bytes = json.writeValueAsBytes(body);
        return Optional.of(new Webhook(bytes, Map.of(SumsubApi.DIGEST_HEADER, HmacSha256.sign(webhookSecret, bytes),
                SumsubApi.DIGEST_ALGORITHM_HEADER, "HMAC_SHA256_HEX")));
    }

    /** A seeded applicant: its JSON as sent, and whether its review is completed. */
    public record Applicant(byte[] body, boolean completed) {
    }

    /** A seeded image or video of an applicant. */
    public record Image(String applicantId, String docType, String subType, String fileType, String contentType,
            long length, Supplier<InputStream> content, boolean deactivated, String source) {
        static Image bytes(String applicantId, String docType, String subType, String fileType, String contentType,
                byte[] bytes, boolean deactivated, String source) {
            return new Image(applicantId, docType, subType, fileType, contentType, bytes.length,
                    () -> new ByteArrayInputStream(bytes), deactivated, source);
        }
    }
}
