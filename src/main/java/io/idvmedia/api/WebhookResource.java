package io.idvmedia.api;

import io.idvmedia.access.Channel;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.error.Problem;
import io.idvmedia.telemetry.OperationContext;
import io.idvmedia.webhook.ReceiveWebhookOperation;
import io.idvmedia.webhook.WebhookAck;
import io.idvmedia.webhook.WebhookRequest;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The providers' webhook route. Not behind grants ({@link AccessFilter} guards session routes only): the operation
 * checks the provider's own signature or token before anything else. At most one byte past the size limit is read.
 */
@Path("/v1/{provider}/webhooks")
public class WebhookResource {

    private final ReceiveWebhookOperation operation;
    private final CurrentVertxRequest request;

    @Inject
    public WebhookResource(ReceiveWebhookOperation operation, CurrentVertxRequest request) {
        this.operation = operation;
        this.request = request;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "receive-webhook", summary = "A provider's webhook, authenticated the provider's way (see"
            + " the description) before its body is read. A completed session's media are queued for staging before"
            + " the webhook is acknowledged")
    @APIResponse(responseCode = "200", description = "Accepted: {\"status\": \"queued\"} when staging was queued,"
            + " {\"status\": \"acknowledged\"} for events that need none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookAck.class)))
    @APIResponse(responseCode = "401", description = "The provider's signature or token is missing or wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "A body over 64 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "default", description = "An RFC 9457 problem",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response receive(@Parameter(description = "The IDV provider (the values this deployment serves)")
            @PathParam("provider") String provider, HttpHeaders headers, InputStream body) {
        RoutingContext rc = request.getCurrent();
        RequestLog.operation(rc, OperationName.RECEIVE_WEBHOOK.id());
        Map<String, String> lowerCase = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT),
                values.isEmpty() ? "" : values.get(0)));
        SocketAddress remote = rc.request().remoteAddress();
        WebhookAck ack;
        try (OperationContext.Scope ignored = OperationContext.enter(OperationName.RECEIVE_WEBHOOK.id())) {
            ack = operation.receive(new WebhookRequest(Channel.HTTP, RequestLog.requestId(rc),
                    remote == null ? null : remote.hostAddress(), provider, lowerCase, read(body)));
        }
        return Response.ok(ack, MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static byte[] read(InputStream body) {
        try (body) {
            return body.readNBytes(ReceiveWebhookOperation.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidRequestException("The webhook's body could not be read to its end");
        }
    }
}
