package io.idvmedia.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Instance;
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
import java.util.List;
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
    private final List<SandboxCompletion> completions;
    private final ObjectMapper json;

    @Inject
    public SandboxWebhookResource(SandboxConfig config, Instance<SandboxCompletion> completions, ObjectMapper json) {
        this.config = config;
        this.completions = completions.stream().toList();
        this.json = json;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> complete(@PathParam("provider") String provider,
            @PathParam("sessionId") String sessionId) throws IOException, InterruptedException {
        SandboxCompletion sandbox = completions.stream().filter(c -> c.provider().equals(provider)).findFirst()
                .orElseThrow(() -> new IdvException(ProblemType.NOT_FOUND, "The sandbox has no such provider"));
        SandboxCompletion.Webhook completion = sandbox.completionWebhook(sessionId).orElseThrow(
                () -> new IdvException(ProblemType.NOT_FOUND, "The sandbox has no such session"));
        HttpRequest.Builder webhook = post(provider, completion.body());
        completion.headers().forEach(webhook::header);
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
}
