package io.idvmedia.provider.onfido;

/** Onfido's paths under the API base. Every id reaching here is a validated UUID. */
final class OnfidoPaths {

    private OnfidoPaths() {
    }

    static String workflowRun(String runId) {
        return "/workflow_runs/" + runId;
    }

    static String list(OnfidoMediaType type, String applicantId) {
        return "/" + type.collection() + "?applicant_id=" + applicantId;
    }

    static String download(OnfidoMediaType type, String mediaId) {
        return "/" + type.collection() + "/" + mediaId + "/download";
    }

    static String applicant(String applicantId) {
        return "/applicants/" + applicantId;
    }
}
