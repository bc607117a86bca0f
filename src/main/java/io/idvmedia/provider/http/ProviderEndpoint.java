package io.idvmedia.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.error.ProviderException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * What a provider package tells {@link ProviderCalls}: how its calls are signed, how its answers are checked and
 * how its errors read. Everything else (retries, the 401 re-read of credentials, bounded reads, the mapping of
 * statuses to problems) is common.
 */
public interface ProviderEndpoint {

    /** The provider's name, for messages and logs. */
    String name();

    /** The configured API base; a missing setting is a problem here, before any call. */
    URI base();

    /**
     * Signs requests with the current credentials, read here (a missing or unreadable one is a problem here, before
     * any call); asked again for every attempt, so that each is signed afresh (a signature may carry a nonce).
     */
    RequestSigning signing();

    /** Drops cached credentials after the provider rejected them, so that the next call reads them again. */
    void forgetCredentials();

    /** The short error code in an error body, if the provider sends one (by default its {@code code} member). */
    default Optional<String> errorCode(JsonNode body) {
        JsonNode code = body.path("code");
        return code.isValueNode() && !code.isNull() ? Optional.of(code.asText()) : Optional.empty();
    }

    /** The problem an error answer means; by default the common mapping. */
    default ProviderException error(ProviderError error) {
        return error.common();
    }

    /** Checks a JSON document read whole (its response signature, say); throws a problem when it fails. */
    default void checkDocument(ProviderResponse response, byte[] body, String what) {
    }

    /** The media body as a caller should read it (checked as it streams, say); by default as it came. */
    default InputStream checkMedia(ProviderResponse response, InputStream body, String mediaId) {
        return body;
    }
}
