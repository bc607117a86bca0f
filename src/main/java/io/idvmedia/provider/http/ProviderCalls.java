package io.idvmedia.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.telemetry.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The three shapes every provider call takes (read a JSON document, open a media body, delete), with what they have
 * in common written once: the request signed afresh for each attempt, retries, the 401 re-read of credentials,
 * bounded reads, and the mapping of error answers to problems. Every call goes over {@link ProviderHttpClient}'s own
 * transport (the JDK's {@code HttpURLConnection}). A provider package supplies its {@link ProviderEndpoint} and its
 * calls' paths.
 */
@ApplicationScoped
public class ProviderCalls {

    /** The largest JSON document read from a provider. */
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    /** What a document call and a delete accept: a JSON answer (a delete's error body is JSON too). */
    private static final Map<String, String> JSON_ANSWER = Map.of("Accept", "application/json");

    private final ProviderHttpClient http;
    private final ObjectMapper json;
    private final Metrics metrics;

    @Inject
    public ProviderCalls(ProviderHttpClient http, ObjectMapper json, Metrics metrics) {
        this.http = http;
        this.json = json;
        this.metrics = metrics;
    }

    /** A JSON object answered with 200, read whole (up to {@link #MAX_DOCUMENT_BYTES}) and checked. */
    public ProviderDocument getJson(ProviderEndpoint endpoint, ProviderCall call) {
        return getJson(endpoint, call, false);
    }

    /** A JSON array answered with 200 (a page of a list), read and checked as {@link #getJson} reads an object. */
    public ProviderDocument getJsonArray(ProviderEndpoint endpoint, ProviderCall call) {
        return getJson(endpoint, call, true);
    }

    private ProviderDocument getJson(ProviderEndpoint endpoint, ProviderCall call, boolean array) {
        ProviderResponse response = send(endpoint, call, JSON_ANSWER);
        int status = response.status();
        if (status != 200) {
            throw error(endpoint, response, call.what());
        }
        byte[] body = http.readBounded(response, MAX_DOCUMENT_BYTES, endpoint.name());
        endpoint.checkDocument(response, body, call.what());
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || (array ? !tree.isArray() : !tree.isObject())) {
                throw new IOException(array ? "not a JSON array" : "not a JSON object");
            }
            return new ProviderDocument(body, tree, response.header("Content-Type").orElse("application/json"),
                    status);
        } catch (IOException e) {
            throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE, endpoint.name()
                    + " sent a body that is not a JSON " + (array ? "array" : "object"), status);
        }
    }

    /**
     * A media body as it arrives: a 204 is media without content, a 200 its body (checked as it streams if the
     * provider says so), anything else the provider's error. Like every call, it goes over
     * {@link ProviderHttpClient}'s own transport: measured with the media benchmark (1 GiB, 2 cores), the Quarkus REST
     * Client's streamed body cost 2.8x (Yoti) and 2.7x (Veriff) the CPU per GiB and fell to 0.79 and 0.66 of the
     * direct throughput.
     */
    public MediaContent openMedia(ProviderEndpoint endpoint, ProviderCall call) {
        ProviderResponse response = send(endpoint, call, Map.of());
        int status = response.status();
        if (status == 204) {
            http.readErrorBody(response);
            return MediaContent.noContent(status);
        }
        if (status != 200) {
            throw error(endpoint, response, call.what());
        }
        return new MediaContent(status, response.header("Content-Type"), response.headerAsLong("Content-Length"),
                Optional.of(endpoint.checkMedia(response, response.body(), call.subject())));
    }

    /** A delete: any 2xx is accepted (its body drained), anything else is the provider's error. */
    public Deletion delete(ProviderEndpoint endpoint, ProviderCall call) {
        ProviderResponse response = send(endpoint, call, JSON_ANSWER);
        int status = response.status();
        if (status / 100 != 2) {
            throw error(endpoint, response, call.what());
        }
        http.readErrorBody(response);
        return new Deletion(status);
    }

    /**
     * Sends a call, signed afresh for each attempt with the credentials of that moment; on a 401 reads the credentials
     * again and sends once more. The credentials are read before anything is sent: a missing or unreadable one is its
     * own problem, before any call.
     */
    private ProviderResponse send(ProviderEndpoint endpoint, ProviderCall call, Map<String, String> headers) {
        return measured(endpoint, () -> http.sendWithCredentials(endpoint.name(), () -> {
            URI uri = call.uri(endpoint.base());
            RequestSigning.Signed signed = endpoint.signing().sign(call.method(), uri);
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(signed.headers());
            return http.exchange(new ProviderRequest(call.method(), signed.uri(), all));
        }, endpoint::forgetCredentials));
    }

    /**
     * Times a call to its answer (retries included) for the provider metrics. An error is what callers feel as the
     * provider failing: a 5xx, 401/403 (our credentials refused), 429, a timeout or a broken connection; a setting
     * missing here is no provider call at all.
     */
    private ProviderResponse measured(ProviderEndpoint endpoint, Supplier<ProviderResponse> send) {
        long started = System.nanoTime();
        try {
            ProviderResponse response = send.get();
            int status = response.status();
            metrics.providerCall(endpoint.name(), System.nanoTime() - started,
                    status >= 500 || status == 401 || status == 403 || status == 429);
            return response;
        } catch (NotConfiguredException e) {
            throw e;
        } catch (RuntimeException e) {
            metrics.providerCall(endpoint.name(), System.nanoTime() - started, true);
            throw e;
        }
    }

    private ProviderException error(ProviderEndpoint endpoint, ProviderResponse response, String what) {
        Optional<String> code = Optional.empty();
        try {
            JsonNode tree = json.readTree(http.readErrorBody(response));
            if (tree != null && tree.isObject()) {
                code = endpoint.errorCode(tree);
            }
        } catch (IOException notJson) {
            // The status alone decides the answer.
        }
        return endpoint.error(new ProviderError(endpoint.name(), response.status(), http.retryAfter(response), code,
                what));
    }
}
