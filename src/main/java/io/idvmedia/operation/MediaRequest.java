package io.idvmedia.operation;

import io.idvmedia.access.Channel;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.media.MediaConfig;
import java.time.Duration;

/**
 * A get-media request's options, parsed once for both adapters from the query parameters they carry.
 *
 * @param delivery how the media is handed over ({@code delivery}, auto when absent)
 * @param download whether it is served as an attachment with a generated file name ({@code download=true})
 * @param ttl the lifetime of a URL answer ({@code ttl} seconds, the default when absent, capped by configuration)
 */
public record MediaRequest(Delivery delivery, boolean download, Duration ttl) {

    /** How a get-media request is answered on a channel. */
    public enum Plan {
        /** The bytes, streamed as they arrive (the HTTP server). */
        STREAM,
        /** The bytes inline when they fit the inline limit, else a 400 naming {@code delivery=url}. */
        INLINE_ONLY,
        /** The bytes inline when they fit, else a redirect to a staged copy (202 while it stages). */
        INLINE_OR_REDIRECT,
        /** JSON with a short-lived URL of a staged copy. */
        URL,
        /** A 303 to a short-lived URL of a staged copy. */
        REDIRECT
    }

    /**
     * The one delivery policy of both adapters: the server streams unless a URL is asked for; through API Gateway,
     * whose answers are buffered and capped, media are inline up to the limit and redirected beyond it; a direct
     * invocation gets the URL as JSON, or the bytes inline when it asks for a stream.
     */
    public Plan plan(Channel channel) {
        return switch (channel) {
            case HTTP -> delivery == Delivery.URL ? Plan.URL : delivery == Delivery.REDIRECT ? Plan.REDIRECT
                    : Plan.STREAM;
            case API_GATEWAY -> delivery == Delivery.URL ? Plan.URL : delivery == Delivery.REDIRECT ? Plan.REDIRECT
                    : Plan.INLINE_OR_REDIRECT;
            case DIRECT -> delivery == Delivery.STREAM ? Plan.INLINE_ONLY : Plan.URL;
        };
    }

    /** Parses the raw parameters (each null when absent); a malformed one is a 400 naming it. */
    public static MediaRequest parse(String delivery, String download, String ttl, MediaConfig config) {
        return new MediaRequest(Delivery.parse(delivery), flag("download", download),
                Ttl.resolve(ttl, config.urlTtl(), config.urlTtlMax()));
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidRequestException(name + " must be true or false");
    }
}
