package io.idvmedia.api;

/**
 * Examples in the OpenAPI document: the summaries of two sandbox sessions, exactly as the API returns them (a test
 * keeps them so).
 */
final class ApiExamples {

    /** {@code GET /v1/yoti/sessions/11111111-1111-4111-8111-111111111111?view=summary} in the sandbox. */
    static final String YOTI_SUMMARY = """
        {
          "provider": "yoti",
          "sessionId": "11111111-1111-4111-8111-111111111111",
          "state": "completed",
          "providerState": "COMPLETED",
          "decision": "reject",
          "checks": [
            {
              "type": "ID_DOCUMENT_AUTHENTICITY",
              "state": "DONE",
              "recommendation": "approve"
            },
            {
              "type": "LIVENESS",
              "state": "DONE",
              "recommendation": "approve"
            },
            {
              "type": "ID_DOCUMENT_FACE_MATCH",
              "state": "DONE",
              "recommendation": "reject",
              "reason": "FACE_NOT_GENUINE"
            }
          ],
          "media": [
            {
              "id": "a1000000-0000-4000-8000-000000000004",
              "kind": "generated_json",
              "providerType": "JSON",
              "mimeType": "application/json",
              "source": "/resources/id_documents/0/tasks/0/generated_media/0"
            },
            {
              "id": "a1000000-0000-4000-8000-000000000001",
              "kind": "document_page",
              "providerType": "IMAGE",
              "source": "/resources/id_documents/0/pages/0/media"
            },
            {
              "id": "a1000000-0000-4000-8000-000000000002",
              "kind": "document_page",
              "providerType": "IMAGE",
              "source": "/resources/id_documents/0/pages/1/media"
            },
            {
              "id": "a1000000-0000-4000-8000-000000000003",
              "kind": "document_fields",
              "providerType": "JSON",
              "mimeType": "application/json",
              "source": "/resources/id_documents/0/document_fields/media"
            },
            {
              "id": "a1000000-0000-4000-8000-000000000009",
              "kind": "document_id_photo",
              "providerType": "IMAGE",
              "source": "/resources/id_documents/0/document_id_photo/media"
            },
            {
              "id": "a1000000-0000-4000-8000-000000000005",
              "kind": "liveness_frame",
              "providerType": "IMAGE",
              "source": "/resources/liveness_capture/0/frames/0/media"
            },
            {
              "id": "a1000000-0000-4000-8000-000000000006",
              "kind": "liveness_frame",
              "providerType": "IMAGE",
              "source": "/resources/liveness_capture/0/frames/1/media"
            },
            {
              "id": "a1000000-0000-4000-8000-000000000007",
              "kind": "liveness_frame",
              "providerType": "IMAGE",
              "source": "/resources/liveness_capture/0/frames/2/media"
            },
            {
              "id": "a1000000-0000-4000-8000-000000000008",
              "kind": "face_map",
              "providerType": "BINARY",
              "source": "/resources/liveness_capture/0/facemap/media"
            }
          ]
        }
        """;

    /** {@code GET /v1/veriff/sessions/55555555-5555-4555-8555-555555555555?view=summary} in the sandbox. */
    static final String VERIFF_SUMMARY = """
        {
          "provider": "veriff",
          "sessionId": "55555555-5555-4555-8555-555555555555",
          "state": "completed",
          "providerState": "approved",
          "decision": "approve",
          "checks": [
            {
              "type": "verification",
              "state": "approved",
              "recommendation": "approve"
            }
          ],
          "media": [
            {
              "id": "b5000000-0000-4000-8000-000000000004",
              "kind": "selfie_video",
              "providerType": "selfid_video",
              "mimeType": "video/webm",
              "size": 1073741824,
              "source": "/videos/0"
            },
            {
              "id": "b5000000-0000-4000-8000-000000000001",
              "kind": "document_page",
              "providerType": "document-front",
              "mimeType": "image/jpeg",
              "size": 15059,
              "source": "/images/0"
            },
            {
              "id": "b5000000-0000-4000-8000-000000000002",
              "kind": "document_page",
              "providerType": "document-back",
              "mimeType": "image/jpeg",
              "size": 15532,
              "source": "/images/1"
            },
            {
              "id": "b5000000-0000-4000-8000-000000000003",
              "kind": "face_image",
              "providerType": "face",
              "mimeType": "image/jpeg",
              "size": 7428,
              "source": "/images/2"
            },
            {
              "id": "b5000000-0000-4000-8000-000000000005",
              "kind": "nfc",
              "providerType": "nfc",
              "mimeType": "application/json",
              "size": 167,
              "source": "/nfcDocuments/0"
            }
          ]
        }
        """;

    /** {@code GET /v1/onfido/sessions/88888888-8888-4888-8888-888888888888?view=summary} in the sandbox. */
    static final String ONFIDO_SUMMARY = """
        {
          "provider": "onfido",
          "sessionId": "88888888-8888-4888-8888-888888888888",
          "state": "completed",
          "providerState": "approved",
          "decision": "approve",
          "checks": [
            {"type": "workflow_run", "state": "approved", "recommendation": "approve"},
            {"type": "document_report", "state": "complete", "recommendation": "approve"},
            {"type": "facial_similarity_report", "state": "complete", "recommendation": "approve"}
          ],
          "media": [
            {"id": "d8000000-0000-4000-8000-000000000001", "kind": "document_page",
             "providerType": "documents/driving_licence/front", "mimeType": "image/jpeg", "source": "/documents/0"},
            {"id": "d8000000-0000-4000-8000-000000000002", "kind": "document_page",
             "providerType": "documents/driving_licence/back", "mimeType": "image/jpeg", "source": "/documents/1"},
            {"id": "d8000000-0000-4000-8000-000000000006", "kind": "document_page",
             "providerType": "documents/unknown/front", "source": "/documents/2"},
            {"id": "d8000000-0000-4000-8000-000000000003", "kind": "face_image", "providerType": "live_photos",
             "mimeType": "image/jpeg", "source": "/live_photos/0"},
            {"id": "d8000000-0000-4000-8000-000000000004", "kind": "selfie_video", "providerType": "live_videos",
             "mimeType": "video/mp4", "size": 1073741824, "source": "/live_videos/0"},
            {"id": "d8000000-0000-4000-8000-000000000005", "kind": "motion_capture",
             "providerType": "motion_captures", "mimeType": "video/mp4", "size": 262144,
             "source": "/motion_captures/0"},
            {"id": "d8000000-0000-4000-8000-000000000007", "kind": "document_id_photo", "providerType": "id_photos",
             "mimeType": "image/jpeg", "source": "/id_photos/0"}
          ]
        }
        """;

    private ApiExamples() {
    }
}
