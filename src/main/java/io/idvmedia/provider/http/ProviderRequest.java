package io.idvmedia.provider.http;

import java.net.URI;
import java.util.Map;

/** One request to a provider, fully built (signed) for one attempt. Bodies are not needed by any operation. */
public record ProviderRequest(String method, URI uri, Map<String, String> headers) {

    /** A provider path (with its query) under a configured API base, whether or not the base ends with a slash. */
    public static URI under(URI base, String pathWithQuery) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + pathWithQuery);
    }
}
