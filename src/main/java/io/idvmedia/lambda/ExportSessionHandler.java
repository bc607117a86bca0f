package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.export.ExportSessionOperation;
import io.idvmedia.media.MediaConfig;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.MediaUrl;
import io.idvmedia.operation.Delivery;
import io.idvmedia.operation.MediaRequest;
import io.idvmedia.staging.StagingDeferral;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Optional;

/**
 * export-session on Lambda, whose answers are buffered: an export is always a URL to a staged copy. Through API
 * Gateway (30 s per request) a session without a fresh staged export is answered 202 with Retry-After while a
 * staging job of kind export builds it (one job however often it is asked for), then with the URL: a 303 to it
 * ({@code auto}, {@code redirect}) or its JSON ({@code url}). A direct invocation exports the session in place and
 * answers the URL JSON. Without a durable queue the request exports in place on both.
 */
@Named(ExportSessionHandler.NAME)
public class ExportSessionHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "export-session";

    private final LambdaAdapter adapter;
    private final ExportSessionOperation operation;
    private final StagingDeferral deferral;
    private final MediaConfig config;

    @Inject
    public ExportSessionHandler(LambdaAdapter adapter, ExportSessionOperation operation, StagingDeferral deferral,
            MediaStores stores) {
        this.adapter = adapter;
        this.operation = operation;
        this.deferral = deferral;
        this.config = stores.config();
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return adapter.handle(OperationName.EXPORT_SESSION, event, context, this::answer);
    }

    private LambdaReply answer(LambdaRequest request) {
        MediaRequest options = MediaRequest.parse(request.parameter("delivery").orElse(null), null,
                request.parameter("ttl").orElse(null), config);
        if (options.delivery() == Delivery.STREAM) {
            throw new InvalidRequestException("An export is not streamed by this function; use delivery=url or"
                    + " redirect");
        }
        boolean json = !request.apiGateway() || options.delivery() == Delivery.URL;
        Duration ttl = options.ttl();
        if (request.apiGateway()) {
            Optional<MediaUrl> ready = operation.urlIfStaged(request.provider(), request.sessionId(), ttl,
                    request.caller());
            if (ready.isPresent()) {
                return reply(ready.get().against(request.baseUri()), json);
            }
            Optional<Duration> wait = deferral.deferExport(request.provider(), request.sessionId(),
                    request.caller().subject());
            if (wait.isPresent()) {
                return new LambdaReply.Accepted(wait.get().toSeconds());
            }
        }
        MediaUrl url = operation.url(request.provider(), request.sessionId(), ttl, request.caller(),
                request::contained);
        return reply(url.against(request.baseUri()), json);
    }

    private static LambdaReply reply(MediaUrl url, boolean json) {
        return json ? LambdaReply.Json.of(url) : new LambdaReply.Redirect(url.url());
    }
}
