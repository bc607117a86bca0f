package io.idvmedia.sandbox;

import static io.idvmedia.sandbox.YotiSandboxData.BACK_PAGE;
import static io.idvmedia.sandbox.YotiSandboxData.COMPLETED;
import static io.idvmedia.sandbox.YotiSandboxData.DOCUMENT_FIELDS;
import static io.idvmedia.sandbox.YotiSandboxData.EMPTY_ID_PHOTO;
import static io.idvmedia.sandbox.YotiSandboxData.FACEMAP;
import static io.idvmedia.sandbox.YotiSandboxData.FRONT_PAGE;
import static io.idvmedia.sandbox.YotiSandboxData.LIVENESS_FRAME_1;
import static io.idvmedia.sandbox.YotiSandboxData.LIVENESS_FRAME_2;
import static io.idvmedia.sandbox.YotiSandboxData.LIVENESS_FRAME_3;
import static io.idvmedia.sandbox.YotiSandboxData.ONGOING;
import static io.idvmedia.sandbox.YotiSandboxData.ONGOING_PAGE;
import static io.idvmedia.sandbox.YotiSandboxData.TEXT_EXTRACTION;
import static io.idvmedia.sandbox.YotiSandboxData.UNKNOWN_CONTAINER_MEDIA;
import static io.idvmedia.sandbox.YotiSandboxData.UNKNOWN_FRAME;
import static io.idvmedia.sandbox.YotiSandboxData.UNKNOWN_TYPES;
import static io.idvmedia.sandbox.YotiSandboxData.VIDEO;
import static io.idvmedia.sandbox.YotiSandboxData.VIDEO_MEDIA;
import static io.idvmedia.sandbox.YotiSandboxData.VIDEO_STILL;
import static io.idvmedia.sandbox.YotiSandboxData.VIEWER;
import static io.idvmedia.sandbox.YotiSandboxData.VIEWER_CLIP;
import static io.idvmedia.sandbox.YotiSandboxData.VIEWER_PAGE;
import static io.idvmedia.sandbox.YotiSandboxData.VIEWER_SELFIE;

import java.nio.charset.StandardCharsets;

/** The JSON of the Yoti sandbox's seeded sessions, shaped like Yoti IDV's session responses. */
public final class YotiSandboxSessions {

    private static final String AT =
            "\"created\": \"2026-11-01T10:15:30Z\", \"last_updated\": \"2026-11-01T10:16:02Z\"";

    private YotiSandboxSessions() {
    }

    private static String media(String id, String type) {
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", " + AT + "}";
    }

    public static String completed() {
        return """
            {
              "client_session_token_ttl": 599,
              "session_id": "%1$s",
              "user_tracking_id": "sandbox-user-0001",
              "state": "COMPLETED",
              "resources": {
                "id_documents": [
                  {
                    "id": "d1000000-0000-4000-8000-000000000001",
                    "document_type": "DRIVING_LICENCE",
                    "issuing_country": "GBR",
                    "tasks": [
                      {
                        "type": "ID_DOCUMENT_TEXT_DATA_EXTRACTION",
                        "id": "e1000000-0000-4000-8000-000000000001",
                        "state": "DONE",
                        %2$s,
                        "generated_checks": [],
                        "generated_media": [%3$s]
                      }
                    ],
                    "pages": [
                      {"capture_method": "CAMERA", "media": %4$s, "frames": []},
                      {"capture_method": "CAMERA", "media": %5$s, "frames": []}
                    ],
                    "document_fields": {"media": %6$s},
                    "document_id_photo": {"media": %7$s}
                  }
                ],
                "supplementary_documents": [],
                "liveness_capture": [
                  {
                    "id": "f1000000-0000-4000-8000-000000000001",
                    "tasks": [],
                    "liveness_type": "ZOOM",
                    "frames": [{"media": %8$s}, {"media": %9$s}, {"media": %10$s}],
                    "facemap": {"media": %11$s}
                  }
                ],
                "face_capture": []
              },
              "checks": [
                {
                  "type": "ID_DOCUMENT_AUTHENTICITY",
                  "id": "c1000000-0000-4000-8000-000000000001",
                  "state": "DONE",
                  "resources_used": ["d1000000-0000-4000-8000-000000000001"],
                  "generated_media": [],
                  "report": {
                    "recommendation": {"value": "APPROVE"},
                    "breakdown": [
                      {"sub_check": "document_in_date", "result": "PASS", "details": []},
                      {"sub_check": "fraud_list_check", "result": "PASS", "details": []}
                    ]
                  },
                  %2$s
                },
                {
                  "type": "LIVENESS",
                  "id": "c1000000-0000-4000-8000-000000000002",
                  "state": "DONE",
                  "resources_used": ["f1000000-0000-4000-8000-000000000001"],
                  "generated_media": [],
                  "report": {
                    "recommendation": {"value": "APPROVE"},
                    "breakdown": [{"sub_check": "liveness_auth", "result": "PASS", "details": []}]
                  },
                  %2$s
                },
                {
                  "type": "ID_DOCUMENT_FACE_MATCH",
                  "id": "c1000000-0000-4000-8000-000000000003",
                  "state": "DONE",
                  "resources_used": ["d1000000-0000-4000-8000-000000000001", "f1000000-0000-4000-8000-000000000001"],
                  "generated_media": [],
                  "report": {
                    "recommendation": {"value": "REJECT", "reason": "FACE_NOT_GENUINE"},
                    "breakdown": [{"sub_check": "ai_face_match", "result": "FAIL", "details": []}]
                  },
                  %2$s
                }
              ]
            }
            """.formatted(COMPLETED, AT, media(TEXT_EXTRACTION, "JSON"), media(FRONT_PAGE, "IMAGE"),
                media(BACK_PAGE, "IMAGE"), media(DOCUMENT_FIELDS, "JSON"), media(EMPTY_ID_PHOTO, "IMAGE"),
                media(LIVENESS_FRAME_1, "IMAGE"), media(LIVENESS_FRAME_2, "IMAGE"), media(LIVENESS_FRAME_3, "IMAGE"),
                media(FACEMAP, "BINARY"));
    }

    public static String ongoing() {
        return """
            {
              "client_session_token_ttl": 412,
              "session_id": "%s",
              "user_tracking_id": "sandbox-user-0002",
              "state": "ONGOING",
              "resources": {
                "id_documents": [
                  {
                    "id": "d2000000-0000-4000-8000-000000000001",
                    "document_type": "PASSPORT",
                    "issuing_country": "FRA",
                    "tasks": [],
                    "pages": [{"capture_method": "CAMERA", "media": %s, "frames": []}]
                  }
                ],
                "supplementary_documents": [],
                "liveness_capture": [],
                "face_capture": []
              },
              "checks": []
            }
            """.formatted(ONGOING, media(ONGOING_PAGE, "IMAGE"));
    }

    public static String unknownTypes() {
        return """
            {
              "client_session_token_ttl": 0,
              "session_id": "%1$s",
              "user_tracking_id": "sandbox-user-0003",
              "state": "COMPLETED",
              "biometric_consent": "2026-11-01T10:14:00Z",
              "resources": {
                "id_documents": [],
                "supplementary_documents": [],
                "liveness_capture": [
                  {
                    "id": "f3000000-0000-4000-8000-000000000001",
                    "liveness_type": "HOLOGRAPHIC_TURN",
                    "tasks": [{"type": "LIVENESS_SIGNAL_ANALYSIS", "id": "e3000000-0000-4000-8000-000000000001",
                               "state": "DONE", "generated_media": [], "generated_checks": [], "confidence": 0.93}],
                    "frames": [{"media": %2$s, "angle_degrees": 35}]
                  }
                ],
                "face_capture": [],
                "voice_capture": [{"id": "b3000000-0000-4000-8000-000000000001", "sample": {"media": %3$s}}]
              },
              "checks": [
                {
                  "type": "SYNTHETIC_IDENTITY_SCREENING",
                  "id": "c3000000-0000-4000-8000-000000000001",
                  "state": "DONE",
                  "resources_used": ["f3000000-0000-4000-8000-000000000001"],
                  "generated_media": [],
                  "report": {
                    "recommendation": {"value": "NOT_AVAILABLE", "reason": "UNSUPPORTED_REGION", "score": 0.4},
                    "breakdown": [],
                    "watchlist_summary": {"total_hits": 0}
                  },
                  "created": "2026-11-01T10:15:30Z"
                }
              ]
            }
            """.formatted(UNKNOWN_TYPES, media(UNKNOWN_FRAME, "IMAGE"), media(UNKNOWN_CONTAINER_MEDIA, "IMAGE"));
    }

    public static String video(long size) {
        return """
            {
              "client_session_token_ttl": 0,
              "session_id": "%s",
              "user_tracking_id": "sandbox-user-0004",
              "state": "COMPLETED",
              "resources": {
                "id_documents": [],
                "supplementary_documents": [],
                "liveness_capture": [
                  {
                    "id": "f4000000-0000-4000-8000-000000000001",
                    "liveness_type": "STATIC",
                    "tasks": [],
                    "image": {"media": %s},
                    "video": {"media": %s, "size_bytes": %d}
                  }
                ],
                "face_capture": []
              },
              "checks": []
            }
            """.formatted(VIDEO, media(VIDEO_STILL, "IMAGE"), media(VIDEO_MEDIA, "VIDEO"), size);
    }

    /** A small COMPLETED session whose media a browser can show: a page, a selfie and a short playable video. */
    public static String viewer() {
        return """
            {
              "client_session_token_ttl": 0,
              "session_id": "%s",
              "user_tracking_id": "sandbox-user-0008",
              "state": "COMPLETED",
              "resources": {
                "id_documents": [
                  {
                    "id": "f8000000-0000-4000-8000-000000000001",
                    "document_type": "PASSPORT",
                    "issuing_country": "GBR",
                    "tasks": [],
                    "pages": [{"capture_method": "CAMERA", "media": %s, "frames": []}]
                  }
                ],
                "supplementary_documents": [],
                "liveness_capture": [
                  {
                    "id": "f8000000-0000-4000-8000-000000000002",
                    "liveness_type": "STATIC",
                    "tasks": [],
                    "image": {"media": %s},
                    "video": {"media": %s}
                  }
                ],
                "face_capture": []
              },
              "checks": []
            }
            """.formatted(VIEWER, media(VIEWER_PAGE, "IMAGE"), media(VIEWER_SELFIE, "IMAGE"),
                media(VIEWER_CLIP, "VIDEO"));
    }

    static byte[] documentFields() {
        return """
            {"full_name": "SANDBOX DEMO", "given_names": "SANDBOX", "family_name": "DEMO",
             "date_of_birth": "1990-01-01", "document_number": "DEMO900101SD9AB",
             "expiration_date": "2031-01-01", "issuing_country": "GBR", "document_type": "DRIVING_LICENCE"}
            """.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] textExtraction() {
        return """
            {"extraction": {"full_name": "SANDBOX DEMO", "document_number": "DEMO900101SD9AB"},
             "confidence": {"full_name": 0.99, "document_number": 0.97}}
            """.getBytes(StandardCharsets.UTF_8);
    }
}
