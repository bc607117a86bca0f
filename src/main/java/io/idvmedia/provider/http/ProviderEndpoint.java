package io.idvmedia.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.error.ProviderException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a provider package tells {@link ProviderCalls}: how its calls are signed, how its answers are checked and
 * how its errors read. Everything else (retries, the 401 re-read of credentials, bounded reads, the mapping of
 * statuses to problems) is common.
 */
public interface ProviderEndpoint {

    /** The provider's name, for messages and logs. */
    String name();

    /**
     * Resolves the current credentials (reading secrets as needed) and returns what builds each attempt of the call,
     * signed afresh every time (a signature may carry a nonce).
     */
    Supplier<ProviderRequest> prepare(ProviderCall call);

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
    default void checkDocument(ProviderResponse response, byte[] body, ProviderCall call) {
    }

    /** The media body as a caller should read it (checked as it streams, say); by default as it came. */
    default InputStream checkMedia(ProviderResponse response, InputStream body, ProviderCall call) {
        return body;
    }
}
