package io.idvmedia.operation;

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
