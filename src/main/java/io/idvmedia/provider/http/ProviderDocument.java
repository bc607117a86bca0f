package io.idvmedia.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.provider.SessionDocument;

/**
 * A JSON object a provider answered, byte for byte, with its parsed tree.
 *
 * @param body the bytes as sent
 * @param tree the parsed object
 * @param contentType the provider's content type
 * @param status the provider's status
 */
public record ProviderDocument(byte[] body, JsonNode tree, String contentType, int status) {

    public SessionDocument asSession() {
        return new SessionDocument(body, contentType, status);
    }
}
