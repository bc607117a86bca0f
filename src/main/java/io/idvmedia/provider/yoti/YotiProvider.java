package io.idvmedia.provider.yoti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.SessionDocument;
import io.idvmedia.provider.SessionSummary;
import io.idvmedia.provider.http.ProviderErrors;
import io.idvmedia.provider.http.ProviderHttpClient;
import io.idvmedia.provider.http.ProviderRequest;
import io.idvmedia.provider.http.ProviderResponse;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.signing.PemKeys;
import io.idvmedia.signing.YotiRequestSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Yoti IDV: signed requests to the sessions and media-content endpoints. */
@ApplicationScoped
public class YotiProvider implements IdvProvider {

    public static final String NAME = "yoti";
    static final String SDK_NAME = "idv-media-functions";
    static final String SDK_VERSION = "0.1.0";
    private static final int MAX_SESSION_BYTES = 16 * 1024 * 1024;

    private final YotiConfig config;
    private final SecretsProvider secrets;
    private final ProviderHttpClient http;
    private final ObjectMapper json;
    private volatile Credentials credentials;

    @Inject
    public YotiProvider(YotiConfig config, SecretsProvider secrets, ProviderHttpClient http, ObjectMapper json) {
        this.config = config;
        this.secrets = secrets;
        this.http = http;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SessionDocument getSession(String sessionId) {
        return fetchSession(sessionId).document();
    }

    @Override
    public List<MediaItem> listMedia(String sessionId) {
        return YotiMediaIndex.of(fetchSession(sessionId).tree());
    }

    @Override
    public SessionSummary summarize(String sessionId) {
        FetchedSession fetched = fetchSession(sessionId);
        try {
            return YotiSummary.of(sessionId, YotiSession.of(json, fetched.tree()), YotiMediaIndex.of(fetched.tree()));
        } catch (IOException e) {
            throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE, "yoti sent a session that does not have"
                    + " the shape of a session", fetched.document().providerStatus());
        }
    }

    /** The session's bytes as sent, checked to be a JSON object, with its tree. */
    private FetchedSession fetchSession(String sessionId) {
        ProviderResponse response = call("GET", YotiPaths.session(sessionId));
        int status = response.status();
        if (status != 200) {
            throw error(response, "Session " + sessionId);
        }
        byte[] body = ProviderHttpClient.readBounded(response, MAX_SESSION_BYTES, NAME);
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new IOException("not a JSON object");
            }
            String contentType = response.header("Content-Type").orElse("application/json");
            return new FetchedSession(new SessionDocument(body, contentType, status), tree);
        } catch (IOException e) {
            throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE,
                    "yoti sent a session that is not valid session JSON", status);
        }
    }

    private record FetchedSession(SessionDocument document, JsonNode tree) {
    }

    @Override
    public MediaContent getMedia(String sessionId, String mediaId) {
        return MediaContent.from(call("GET", YotiPaths.mediaContent(sessionId, mediaId)),
                response -> error(response, "Media " + mediaId + " of session " + sessionId), body -> body);
    }

    @Override
    public Deletion deleteSession(String sessionId) {
        return delete(YotiPaths.session(sessionId), "Session " + sessionId);
    }

    @Override
    public Deletion deleteMedia(String sessionId, String mediaId) {
        return delete(YotiPaths.mediaContent(sessionId, mediaId), "Media " + mediaId + " of session " + sessionId);
    }

    private Deletion delete(String path, String what) {
        return Deletion.from(call("DELETE", path), response -> error(response, what));
    }

    /** Sends a signed request; on 401 the credentials are read again once, in case they were rotated. */
    private ProviderResponse call(String method, String path) {
        return http.sendWithCredentials(NAME, () -> {
            Credentials current = credentials();
            return () -> request(current, method, path);
        }, () -> {
            config.sdkId().ifPresent(secrets::invalidate);
            config.privateKey().ifPresent(secrets::invalidate);
        });
    }

    private ProviderRequest request(Credentials credentials, String method, String path) {
        YotiRequestSigner.SignedRequest signed = credentials.signer.sign(method, path, null);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("X-Yoti-SDK", SDK_NAME);
        headers.put("X-Yoti-SDK-Version", SDK_VERSION);
        headers.putAll(signed.headers());
        return new ProviderRequest(method, ProviderRequest.under(config.baseUrl(), signed.pathWithQuery()), headers);
    }

    private ProviderException error(ProviderResponse response, String what) {
        Optional<String> code = ProviderErrors.code(json, ProviderHttpClient.readErrorBody(response));
        return ProviderErrors.fromStatus(NAME, response.status(), http.retryAfter(response), code, what);
    }

    /** The signer for the current secret values; the PEM is parsed again only when its text changes. */
    private Credentials credentials() {
        String sdkIdRef = config.sdkId().orElseThrow(() -> NotConfiguredException.missing("Yoti", "idv.yoti.sdk-id"));
        String keyRef = config.privateKey()
                .orElseThrow(() -> NotConfiguredException.missing("Yoti", "idv.yoti.private-key"));
        String sdkId = secrets.resolve(sdkIdRef);
        String pem = secrets.get(keyRef);
        Credentials current = credentials;
        if (current != null && current.sdkId.equals(sdkId) && current.pem.equals(pem)) {
            return current;
        }
        try {
            current = new Credentials(sdkId, pem, new YotiRequestSigner(sdkId, PemKeys.privateKey(pem)));
        } catch (PemKeys.KeyFormatException e) {
            throw new NotConfiguredException("idv.yoti.private-key is not a usable private key: " + e.getMessage());
        }
        credentials = current;
        return current;
    }

    private record Credentials(String sdkId, String pem, YotiRequestSigner signer) {
        @Override
        public String toString() {
            return "Credentials[redacted]";
        }
    }
}
