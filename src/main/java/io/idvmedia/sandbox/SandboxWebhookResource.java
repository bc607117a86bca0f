package io.idvmedia.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.provider.onfido.OnfidoWebhooks;
import io.idvmedia.provider.veriff.VeriffApi;
import io.idvmedia.signing.HmacSha256;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dev and test only: {@code POST /sandbox/{provider}/sessions/{sessionId}/complete} sends the webhook the provider
 * sends when a session is done, shaped and authenticated as that provider does (a Veriff decision webhook signed with
 * the sandbox's shared secret; a Yoti {@code session_completion} notification with the notification token; an Onfido
 * {@code workflow_run.completed} event signed with the sandbox's webhook token), to
 * {@code idv.sandbox.webhook-base-url} (this application in dev and test). It answers what the webhook got back.
 * Only a seeded session that is complete can be completed; one in progress is a 409.
 */
@Path("/sandbox/{provider}/sessions/{sessionId}/complete")
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class SandboxWebhookResource {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final SandboxConfig config;
    private final SandboxKeys keys;
    private final YotiSandboxData yoti;
    private final VeriffSandboxData veriff;
    private final OnfidoSandboxData onfido;
    private final ObjectMapper json;

    @Inject
    public SandboxWebhookResource(SandboxConfig config, SandboxKeys keys, YotiSandboxData yoti,
            VeriffSandboxData veriff, OnfidoSandboxData onfido, ObjectMapper json) {
        this.config = config;
        this.keys = keys;
        this.yoti = yoti;
        this.veriff = veriff;
        this.onfido = onfido;
        this.json = json;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> complete(@PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId) throws IOException, InterruptedException {
        HttpRequest.Builder webhook;
        switch (provider) {
            case "yoti" -> {
                YotiSandboxData.Session session = yoti.session(sessionId).orElseThrow(() -> unknown());
                if (!"COMPLETED".equals(session.state())) {
                    throw inProgress();
                }
                ObjectNode body = json.createObjectNode().put("session_id", sessionId)
                        .put("topic", "session_completion");
                webhook = post(provider, json.writeValueAsBytes(body))
                        .header("Authorization", "Bearer " + config.yoti().notificationToken());
            }
            case "veriff" -> {
                VeriffSandboxData.Session session = veriff.session(sessionId).orElseThrow(() -> unknown());
                if (session.inProgress()) {
                    throw inProgress();
                }
                JsonNode decision = json.readTree(session.decisionBytes());
                ObjectNode body = json.createObjectNode().put("status", "success");
                body.putObject("verification").put("id", sessionId)
                        .put("status", decision.path("verification").path("status").asText())
                        .put("code", decision.path("verification").path("code").asInt());
                byte[] bytes = json.writeValueAsBytes(body);
                webhook = post(provider, bytes)
                        .header("X-AUTH-CLIENT", config.veriff().apiKey())
                        .header(VeriffApi.SIGNATURE_HEADER, HmacSha256.sign(keys.veriffSharedSecret(), bytes));
            }
            case "onfido" -> {
                JsonNode run = json.readTree(onfido.run(sessionId).orElseThrow(() -> unknown()).body());
                String status = run.path("status").asText();
                if (status.equals("awaiting_input") || status.equals("processing")) {
                    throw inProgress();
                }
                ObjectNode body = json.createObjectNode();
                ObjectNode payload = body.putObject("payload").put("resource_type", "workflow_run")
                        .put("action", "workflow_run.completed");
                payload.putObject("object").put("id", sessionId).put("status", status)
                        .put("completed_at_iso8601", run.path("updated_at").asText())
                        .put("href", OnfidoSandboxResource.BASE + "/workflow_runs/" + sessionId);
                byte[] bytes = json.writeValueAsBytes(body);
                webhook = post(provider, bytes)
                        .header(OnfidoWebhooks.SIGNATURE_HEADER, HmacSha256.sign(keys.onfidoWebhookToken(), bytes));
            }
            default -> throw new IdvException(ProblemType.NOT_FOUND, "The sandbox has no such provider");
        }
        HttpResponse<String> answer = CLIENT.send(webhook.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("webhookStatus", answer.statusCode());
        result.put("webhookAnswer", answer.body().isEmpty() ? null : json.readTree(answer.body()));
        return result;
    }

    private HttpRequest.Builder post(String provider, byte[] body) {
        URI base = config.webhookBaseUrl().orElseThrow(() -> new IdvException(ProblemType.NOT_IMPLEMENTED,
                "idv.sandbox.webhook-base-url is not set: the sandbox does not know where to send webhooks"));
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + "/v1/" + provider
                + "/webhooks")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static IdvException unknown() {
        return new IdvException(ProblemType.NOT_FOUND, "The sandbox has no such session");
    }

    private static IdvException inProgress() {
        return new IdvException(ProblemType.CONFLICT, "This sandbox session is still in progress; only completed"
                + " sessions send a completion webhook");
    }
}
