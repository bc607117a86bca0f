package io.idvmedia.operation;

import io.idvmedia.error.InvalidRequestException;
import java.util.Locale;

/** How get-media hands media over: the bytes, a presigned URL, a redirect to one, or the best the runtime can. */
public enum Delivery {
    AUTO, STREAM, URL, REDIRECT;

    public static Delivery parse(String value) {
        if (value == null || value.isEmpty()) {
            return AUTO;
        }
        for (Delivery d : values()) {
            if (d.name().equalsIgnoreCase(value)) {
                return d;
            }
        }
        throw new InvalidRequestException("delivery must be one of auto, stream, url, redirect");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
