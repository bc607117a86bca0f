package io.idvmedia.provider.http;

import java.net.URI;
import java.util.Map;

/** One request to a provider, fully built (signed) for one attempt. Bodies are not needed by any operation. */
public record ProviderRequest(String method, URI uri, Map<String, String> headers) {
}
