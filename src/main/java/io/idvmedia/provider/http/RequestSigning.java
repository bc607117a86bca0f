package io.idvmedia.provider.http;

import java.net.URI;
import java.util.Map;

/**
 * How a provider signs one request with its current credentials: the URI to send it to (a signature may add to its
 * query) and the headers to add.
 */
@FunctionalInterface
public interface RequestSigning {

    Signed sign(String method, URI uri);

    /**
     * A signed request.
     *
     * @param uri where to send it
     * @param headers what to add to it (credentials, signatures)
     */
    record Signed(URI uri, Map<String, String> headers) {
        @Override
        public String toString() {
            return "Signed[redacted]";
        }
    }
}
