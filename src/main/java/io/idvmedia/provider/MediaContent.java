package io.idvmedia.provider;

import io.idvmedia.error.ProviderException;
import io.idvmedia.provider.http.ProviderHttpClient;
import io.idvmedia.provider.http.ProviderResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A media item's bytes as they arrive from the provider. {@code body} is empty when the provider said the media
 * exists but has no content (HTTP 204). Closing it releases the provider connection.
 */
public record MediaContent(int providerStatus, Optional<String> contentType, OptionalLong contentLength,
        Optional<InputStream> body) implements Closeable {

    public static MediaContent noContent(int providerStatus) {
        return new MediaContent(providerStatus, Optional.empty(), OptionalLong.empty(), Optional.empty());
    }

    /**
     * What a provider's answer to a media request carries: a 204 is media without content, a 200 its body (passed
     * through {@code body}, which may wrap it, for instance to check a signature as it streams), any other status
     * the provider's error.
     */
    public static MediaContent from(ProviderResponse response, Function<ProviderResponse, ProviderException> error,
            UnaryOperator<InputStream> body) {
        int status = response.status();
        if (status == 204) {
            ProviderHttpClient.readErrorBody(response);
            return noContent(status);
        }
        if (status != 200) {
            throw error.apply(response);
        }
        return new MediaContent(status, response.header("Content-Type"), response.headerAsLong("Content-Length"),
                Optional.of(body.apply(response.body())));
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
}
