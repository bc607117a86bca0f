package io.idvmedia.provider;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A media item's bytes as they arrive from the provider. {@code body} is empty when the provider said the media
 * exists but has no content (HTTP 204). Closing it releases the provider connection.
 */
public record MediaContent(int providerStatus, Optional<String> contentType, OptionalLong contentLength,
        Optional<InputStream> body) implements Closeable {

    public static MediaContent noContent(int providerStatus) {
        return new MediaContent(providerStatus, Optional.empty(), OptionalLong.empty(), Optional.empty());
    }

    public boolean hasContent() {
        return body.isPresent();
    }

    @Override
    public void close() throws IOException {
        if (body.isPresent()) {
            body.get().close();
        }
    }

    /** Closes it where nothing more can be learnt from a failing close: the connection is released either way. */
    public void release() {
        try {
            close();
        } catch (IOException e) {
            // Released either way.
        }
    }
}
