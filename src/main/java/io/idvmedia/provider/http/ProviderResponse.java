package io.idvmedia.provider.http;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A provider's response once its headers have arrived. The body streams; the caller closes it (a fully read body
 * returns the connection for reuse, an abandoned one drops it).
 *
 * @param status the HTTP status
 * @param headers the headers, names case-insensitive
 * @param body the body; empty when there is none
 */
public record ProviderResponse(int status, Map<String, List<String>> headers, InputStream body) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    public OptionalLong headerAsLong(String name) {
        Optional<String> value = header(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
