package io.idvmedia.sandbox;

import static io.idvmedia.sandbox.VeriffSandboxData.APPROVED;
import static io.idvmedia.sandbox.VeriffSandboxData.BADLY_SIGNED;
import static io.idvmedia.sandbox.VeriffSandboxData.BADLY_SIGNED_VIDEO;
import static io.idvmedia.sandbox.VeriffSandboxData.BROKEN_VIDEO;
import static io.idvmedia.sandbox.VeriffSandboxData.DECLINED;
import static io.idvmedia.sandbox.VeriffSandboxData.DECLINED_DOCUMENT_FRONT;
import static io.idvmedia.sandbox.VeriffSandboxData.DECLINED_FACE;
import static io.idvmedia.sandbox.VeriffSandboxData.DOCUMENT_BACK;
import static io.idvmedia.sandbox.VeriffSandboxData.DOCUMENT_FRONT;
import static io.idvmedia.sandbox.VeriffSandboxData.FACE;
import static io.idvmedia.sandbox.VeriffSandboxData.NFC;
import static io.idvmedia.sandbox.VeriffSandboxData.SELFIE_VIDEO;

import java.nio.charset.StandardCharsets;

/** The JSON of the Veriff sandbox's seeded sessions, shaped like Veriff's decision and media responses. */
public final class VeriffSandboxSessions {

    private VeriffSandboxSessions() {
    }

    public static String approvedDecision() {
        return """
            {
              "status": "success",
              "verification": {
                "id": "%s",
                "attemptId": "c5000000-0000-4000-8000-000000000001",
                "vendorData": "sandbox-user-0005",
                "endUserId": null,
                "status": "approved",
                "code": 9001,
                "reason": null,
                "reasonCode": null,
                "decisionTime": "2026-11-01T10:20:00.000Z",
                "acceptanceTime": "2026-11-01T10:15:00.000Z",
                "person": {"firstName": "SANDBOX", "lastName": "DEMO", "dateOfBirth": "1990-01-01",
                           "idNumber": null, "gender": null, "nationality": "EE", "yearOfBirth": "1990"},
                "document": {"number": "DEMO0000001", "type": "DRIVERS_LICENSE", "country": "EE",
                             "validFrom": null, "validUntil": "2031-01-01"},
                "additionalVerifiedData": {},
                "riskLabels": [],
                "comments": []
              },
              "technicalData": {"ip": "192.0.2.10"}
            }
            """.formatted(APPROVED);
    }

    public static String declinedDecision() {
        return """
            {
              "status": "success",
              "verification": {
                "id": "%s",
                "attemptId": "c6000000-0000-4000-8000-000000000001",
                "vendorData": "sandbox-user-0006",
                "status": "declined",
                "code": 9102,
                "reason": "Suspected document tampering",
                "reasonCode": 102,
                "decisionTime": "2026-11-01T11:20:00.000Z",
                "acceptanceTime": "2026-11-01T11:15:00.000Z",
                "person": {"firstName": null, "lastName": null, "dateOfBirth": null},
                "document": {"number": null, "type": "PASSPORT", "country": "LV"},
                "riskLabels": [{"label": "document_integration_level_crosslinked_with_fraud", "category": "document",
                                "sessionIds": []}],
                "comments": []
              },
              "technicalData": {"ip": "192.0.2.11"}
            }
            """.formatted(DECLINED);
    }

    public static String inProgressDecision() {
        return """
            {"status": "success", "verification": null}
            """;
    }

    private static String image(String id, String sessionId, String context, long size) {
        return ("{\"id\": \"%s\", \"name\": \"%s\", \"context\": \"%s\", \"timestamp\": null, \"size\": %d,"
                + " \"mimetype\": \"image/jpeg\", \"sessionId\": \"%s\","
                + " \"url\": \"https://example.invalid/v1/media/%s\"}")
                .formatted(id, context, context, size, sessionId, id);
    }

    public static String approvedMedia(long front, long back, long face, long video, long nfc) {
        return """
            {
              "status": "success",
              "videos": [
                {"id": "%s", "name": "selfid_video", "context": "selfid_video", "duration": "25.70",
                 "timestamp": null, "size": "%d", "mimetype": "video/webm", "sessionId": "%s",
                 "url": "https://example.invalid/v1/media/%s"}
              ],
              "images": [%s, %s, %s],
              "nfcDocuments": [
                {"id": "%s", "name": "nfc-document", "context": "nfc", "size": %d, "mimetype": "application/json",
                 "sessionId": "%s", "url": "https://example.invalid/v1/media/%s"}
              ]
            }
            """.formatted(SELFIE_VIDEO, video, APPROVED, SELFIE_VIDEO,
                image(DOCUMENT_FRONT, APPROVED, "document-front", front),
                image(DOCUMENT_BACK, APPROVED, "document-back", back),
                image(FACE, APPROVED, "face", face), NFC, nfc, APPROVED, NFC);
    }

    public static String declinedMedia(long front, long face, long video) {
        return """
            {"status": "success",
             "videos": [
               {"id": "%s", "name": "selfid_video", "context": "selfid_video", "size": %d, "mimetype": "video/webm",
                "sessionId": "%s"},
               {"id": "%s", "name": "face-pre-video", "context": "face-pre-video", "size": %d,
                "mimetype": "video/webm", "sessionId": "%s"}
             ],
             "images": [%s, %s, %s]}
            """.formatted(BADLY_SIGNED_VIDEO, video, DECLINED, BROKEN_VIDEO, video, DECLINED,
                image(DECLINED_DOCUMENT_FRONT, DECLINED, "document-front", front),
                image(DECLINED_FACE, DECLINED, "face", face), image(BADLY_SIGNED, DECLINED, "face-pre", face));
    }

    public static String emptyMedia() {
        return """
            {"status": "success", "videos": [], "images": []}
            """;
    }

    static byte[] nfc() {
        return """
            {"documentType": "P", "issuingState": "EST", "dataGroups": {"DG1": "SANDBOX DEMO", "DG2": "face"},
             "chipAuthentication": "PASSED", "passiveAuthentication": "PASSED"}
            """.getBytes(StandardCharsets.UTF_8);
    }
}
