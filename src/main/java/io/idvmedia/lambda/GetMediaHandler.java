package io.idvmedia.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.access.Channel;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.error.MediaBodyException;
import io.idvmedia.media.MediaConfig;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.MediaUrl;
import io.idvmedia.media.ServedType;
import io.idvmedia.operation.GetMediaOperation;
import io.idvmedia.operation.MediaRequest;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.staging.StagingDeferral;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * get-media on Lambda, which buffers responses (6 MB): through API Gateway, media at or under the inline limit
 * come back inline (base64), larger ones as a 303 to a presigned URL of a staged copy; {@code url} answers the
 * URL JSON; a media too large to stage within API Gateway's 30 s is answered 202 while a job stages it. Direct
 * invocations get the URL JSON, or the bytes inline (base64 in JSON) with {@code stream} when they fit.
 */
@Named(GetMediaHandler.NAME)
public class GetMediaHandler implements RequestHandler<JsonNode, Object> {

    public static final String NAME = "get-media";

    private static final int GATEWAY_TIMEOUT_SECONDS = 30;

    private final LambdaAdapter adapter;
    private final GetMediaOperation operation;
    private final StagingDeferral deferral;
    private final MediaConfig config;

    @Inject
    public GetMediaHandler(LambdaAdapter adapter, GetMediaOperation operation, StagingDeferral deferral,
            MediaStores stores) {
        this.adapter = adapter;
        this.operation = operation;
        this.deferral = deferral;
        this.config = stores.config();
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        long started = System.nanoTime();
        return adapter.handle(OperationName.GET_MEDIA, event, context, request -> answer(request,
                () -> timeLeft(context, started)));
    }

    /**
     * What is left of the request's time: API Gateway ends it after {@value #GATEWAY_TIMEOUT_SECONDS} s whatever
     * the function's own timeout, which may end it sooner.
     */
    private static Duration timeLeft(Context context, long startedNanos) {
        Duration gateway = Duration.ofSeconds(GATEWAY_TIMEOUT_SECONDS).minusNanos(System.nanoTime() - startedNanos);
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return gateway;
        }
        Duration function = Duration.ofMillis(context.getRemainingTimeInMillis());
        return function.compareTo(gateway) < 0 ? function : gateway;
    }

    private LambdaReply answer(LambdaRequest request, Supplier<Duration> timeLeft) {
        MediaRequest options = MediaRequest.parse(request.parameter("delivery").orElse(null),
                request.parameter("download").orElse(null), request.parameter("ttl").orElse(null), config);
        boolean download = options.download();
        Duration ttl = options.ttl();
        Function<MediaUrl, LambdaReply> redirect = u -> new LambdaReply.Redirect(u.url());
        return switch (options.plan(request.apiGateway() ? Channel.API_GATEWAY : Channel.DIRECT)) {
            case INLINE_ONLY -> {
                Inline inline = inline(request, download);
                inline.close();
                yield inline.reply().orElseThrow(() -> new InvalidRequestException("The media is larger than "
                        + config.inlineMaxBytes() + " bytes, too large to return inline; use delivery=url"));
            }
            // Through API Gateway a URL may have to wait for a staging job (202); a direct invocation stages in place.
            case URL -> request.apiGateway()
                    ? staged(request, ttl, download, timeLeft, LambdaReply.Json::of, Optional.empty())
                    : url(request, ttl, download).<LambdaReply>map(LambdaReply.Json::of)
                            .orElseGet(LambdaReply.NoContent::new);
            case REDIRECT -> staged(request, ttl, download, timeLeft, redirect, Optional.empty());
            case INLINE_OR_REDIRECT -> {
                Inline inline = inline(request, download);
                yield inline.reply().orElseGet(() -> staged(request, ttl, download, timeLeft, redirect,
                        inline.tooLarge()));
            }
            case STREAM -> throw new IllegalStateException("Only the HTTP server streams");
        };
    }

    /**
     * The URL of a fresh copy; else a 202 when the media will not stage within the request, its staging being
     * queued (see StagingDeferral); else the URL once the request staged it.
     */
    /**
     * @param opened the media, when the request has opened it already and found it too large to answer inline:
     *     its size decides the deferral and the staging reads it, so the provider is asked for it once; it is closed
     *     here in every case
     */
    private LambdaReply staged(LambdaRequest request, Duration ttl, boolean download, Supplier<Duration> timeLeft,
            Function<MediaUrl, LambdaReply> shape, Optional<MediaContent> opened) {
        boolean handedOver = false;
        try {
            Optional<MediaUrl> ready = operation.urlIfStaged(request.provider(), request.sessionId(),
                    request.mediaId(), ttl, download, request.caller());
            if (ready.isPresent()) {
                return shape.apply(ready.get().against(request.baseUri()));
            }
            OptionalLong size = opened.map(MediaContent::contentLength).orElse(OptionalLong.empty());
            Optional<Duration> wait = deferral.defer(request.provider(), request.sessionId(), request.mediaId(),
                    timeLeft.get(), size);
            if (wait.isPresent()) {
                return new LambdaReply.Accepted(wait.get().toSeconds());
            }
            handedOver = opened.isPresent();
            Optional<MediaUrl> url = opened.isPresent()
                    ? operation.url(request.provider(), request.sessionId(), request.mediaId(), ttl, download,
                            request.caller(), opened.get())
                    : url(request, ttl, download);
            return url.map(u -> shape.apply(u.against(request.baseUri()))).orElseGet(LambdaReply.NoContent::new);
        } finally {
            if (!handedOver) {
                opened.ifPresent(MediaContent::release);
            }
        }
    }

    private Optional<MediaUrl> url(LambdaRequest request, Duration ttl, boolean download) {
        return operation.url(request.provider(), request.sessionId(), request.mediaId(), ttl, download,
                request.caller()).map(u -> u.against(request.baseUri()));
    }

    /**
     * The media inline when it fits the limit. When it does not, and its declared length said so before anything was
     * read, the open media comes back unread (so that staging it asks the provider for nothing more); a media found too
     * large only by reading is closed. A media without content is answered as such.
     */
    private Inline inline(LambdaRequest request, boolean download) {
        long limit = config.inlineMaxBytes();
        MediaContent media = operation.open(request.provider(), request.sessionId(), request.mediaId(),
                request.caller());
        boolean kept = false;
        try {
            if (!media.hasContent()) {
                return new Inline(Optional.of(new LambdaReply.NoContent()), Optional.empty());
            }
            if (media.contentLength().orElse(-1) > limit) {
                kept = true;
                return new Inline(Optional.empty(), Optional.of(media));
            }
            InputStream body = media.body().get();
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                return new Inline(Optional.empty(), Optional.empty());
            }
            String type = media.contentType().orElse(ServedType.OCTET_STREAM);
            ServedType served = ServedType.of(type);
            Optional<String> name = download ? Optional.of(operation.downloadName(request.provider(),
                    request.sessionId(), request.mediaId(), type)) : Optional.empty();
            return new Inline(Optional.of(new LambdaReply.Inline(bytes, served, name)), Optional.empty());
        } catch (IOException e) {
            throw MediaBodyException.of(e).problem("nothing was delivered");
        } finally {
            if (!kept) {
                media.release();
            }
        }
    }

    /** What {@link #inline} found: the answer, or none and (when it is unread) the media too large to inline. */
    private record Inline(Optional<LambdaReply> reply, Optional<MediaContent> tooLarge) {
        void close() {
            tooLarge.ifPresent(MediaContent::release);
        }
    }

}
