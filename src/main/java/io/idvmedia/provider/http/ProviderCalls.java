package io.idvmedia.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.MediaContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;

/**
 * The three shapes every provider call takes (read a JSON document, open a media body, delete), with what they have
 * in common written once: the request signed afresh for each attempt, retries, the 401 re-read of credentials,
 * bounded reads, and the mapping of error answers to problems. A provider package supplies its
 * {@link ProviderEndpoint}.
 */
@ApplicationScoped
public class ProviderCalls {

    /** The largest JSON document read from a provider. */
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    private final ProviderHttpClient http;
    private final ObjectMapper json;

    @Inject
    public ProviderCalls(ProviderHttpClient http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    /** A JSON object answered with 200, read whole (up to {@link #MAX_DOCUMENT_BYTES}) and checked. */
    public ProviderDocument getJson(ProviderEndpoint endpoint, ProviderCall call) {
        ProviderResponse response = send(endpoint, call);
        int status = response.status();
        if (status != 200) {
            throw error(endpoint, response, call);
        }
        byte[] body = ProviderHttpClient.readBounded(response, MAX_DOCUMENT_BYTES, endpoint.name());
        endpoint.checkDocument(response, body, call);
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new IOException("not a JSON object");
            }
            return new ProviderDocument(body, tree, response.header("Content-Type").orElse("application/json"),
                    status);
        } catch (IOException e) {
            throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE, endpoint.name()
                    + " sent a body that is not a JSON object", status);
        }
    }

    /**
     * A media body as it arrives: a 204 is media without content, a 200 its body (checked as it streams if the
     * provider says so), anything else the provider's error.
     */
    public MediaContent openMedia(ProviderEndpoint endpoint, ProviderCall call) {
        ProviderResponse response = send(endpoint, call);
        int status = response.status();
        if (status == 204) {
            ProviderHttpClient.readErrorBody(response);
            return MediaContent.noContent(status);
        }
        if (status != 200) {
            throw error(endpoint, response, call);
        }
        return new MediaContent(status, response.header("Content-Type"), response.headerAsLong("Content-Length"),
                Optional.of(endpoint.checkMedia(response, response.body(), call)));
    }

    /** A delete: any 2xx is accepted (its body drained), anything else is the provider's error. */
    public Deletion delete(ProviderEndpoint endpoint, ProviderCall call) {
        ProviderResponse response = send(endpoint, call);
        int status = response.status();
        if (status / 100 != 2) {
            throw error(endpoint, response, call);
        }
        ProviderHttpClient.readErrorBody(response);
        return new Deletion(status);
    }

    /** Sends the call signed with the current credentials; on a 401 reads them again and sends once more. */
    private ProviderResponse send(ProviderEndpoint endpoint, ProviderCall call) {
        return http.sendWithCredentials(endpoint.name(), () -> endpoint.prepare(call), endpoint::forgetCredentials);
    }

    private ProviderException error(ProviderEndpoint endpoint, ProviderResponse response, ProviderCall call) {
        Optional<String> code = Optional.empty();
        try {
            JsonNode tree = json.readTree(ProviderHttpClient.readErrorBody(response));
            if (tree != null && tree.isObject()) {
                code = endpoint.errorCode(tree);
            }
        } catch (IOException notJson) {
            // The status alone decides the answer.
        }
        return endpoint.error(new ProviderError(endpoint.name(), response.status(), http.retryAfter(response), code,
                call.what()));
    }
}
