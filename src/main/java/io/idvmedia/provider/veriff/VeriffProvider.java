package io.idvmedia.provider.veriff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.SessionDocument;
import io.idvmedia.provider.SessionSummary;
import io.idvmedia.provider.TimedCache;
import io.idvmedia.provider.http.ProviderErrors;
import io.idvmedia.provider.http.ProviderHttpClient;
import io.idvmedia.provider.http.ProviderRequest;
import io.idvmedia.provider.http.ProviderResponse;
import io.idvmedia.provider.http.VerifiedInputStream;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.signing.VeriffSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Veriff: requests signed with HMAC-SHA256 over the id in the path, and every response body checked against its
 * {@code X-HMAC-SIGNATURE} (media incrementally, as it streams).
 */
@ApplicationScoped
public class VeriffProvider implements IdvProvider {

    public static final String NAME = "veriff";
    private static final Logger SECURITY = Logger.getLogger("io.idvmedia.security");
    private static final int MAX_JSON_BYTES = 16 * 1024 * 1024;
    // Veriff's codes for "session cannot be deleted in its current state".
    private static final Set<String> DELETE_REFUSED = Set.of("1305", "1306");

    private final VeriffConfig config;
    private final SecretsProvider secrets;
    private final ProviderHttpClient http;
    private final ObjectMapper json;
    private final TimedCache<List<MediaItem>> mediaLists;

    @Inject
    public VeriffProvider(VeriffConfig config, SecretsProvider secrets, ProviderHttpClient http, ObjectMapper json) {
        this.config = config;
        this.secrets = secrets;
        this.http = http;
        this.json = json;
        this.mediaLists = new TimedCache<>(config.mediaListTtl(), 10_000, Clock.systemUTC());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SessionDocument getSession(String sessionId) {
        Signed decision = getJson(VeriffPaths.decision(sessionId), sessionId, "Session " + sessionId);
        return new SessionDocument(decision.body, decision.contentType, decision.status);
    }

    @Override
    public List<MediaItem> listMedia(String sessionId) {
        return mediaLists.get(sessionId, () -> VeriffMediaIndex.of(
                getJson(VeriffPaths.sessionMedia(sessionId), sessionId, "Session " + sessionId).tree));
    }

    @Override
    public SessionSummary summarize(String sessionId) {
        Signed decision = getJson(VeriffPaths.decision(sessionId), sessionId, "Session " + sessionId);
        return VeriffSummary.of(sessionId, decision.tree, listMedia(sessionId));
    }

    @Override
    public MediaContent getMedia(String sessionId, String mediaId) {
        // Veriff's media path names no session: without this check any media id would pass under any session.
        if (listMedia(sessionId).stream().noneMatch(m -> m.id().equals(mediaId))) {
            throw new ProviderException(ProblemType.NOT_FOUND,
                    "Media " + mediaId + " of session " + sessionId + " not found at veriff", 404);
        }
        ProviderResponse answer = call("GET", VeriffPaths.media(mediaId), mediaId);
        return MediaContent.from(answer, response -> error(response, "Media " + mediaId + " of session " + sessionId),
                body -> verified(answer, body, mediaId));
    }

    /** The media body, its signature checked as it streams; unsigned, refused unless configured otherwise. */
    private InputStream verified(ProviderResponse response, InputStream body, String mediaId) {
        Optional<String> signature = response.header(VeriffSignature.HEADER);
        if (signature.isEmpty()) {
            if (config.requireResponseSignature()) {
                ProviderHttpClient.readErrorBody(response);
                throw unsigned("media " + mediaId);
            }
            return body;
        }
        // Read after the call: a 401 may have made it read the secret again.
        VeriffSignature.Verifier verifier = new VeriffSignature.Verifier(credentials().sharedSecret);
        String expected = signature.get();
        return new VerifiedInputStream(body, new VerifiedInputStream.Check() {
            @Override
            public void update(byte[] bytes, int offset, int length) {
                verifier.update(bytes, offset, length);
            }

            @Override
            public boolean matches() {
                return verifier.matches(expected);
            }
        }, () -> SECURITY.warnf("security-event=response-signature-mismatch provider=veriff resource=media"
                + " mediaId=%s", mediaId));
    }

    @Override
    public Deletion deleteSession(String sessionId) {
        Deletion deletion = Deletion.from(call("DELETE", VeriffPaths.session(sessionId), sessionId),
                response -> error(response, "Session " + sessionId));
        mediaLists.invalidate(sessionId);
        return deletion;
    }

    @Override
    public Deletion deleteMedia(String sessionId, String mediaId) {
        throw new IdvException(ProblemType.NOT_SUPPORTED_BY_PROVIDER, "veriff offers no deletion of a single"
                + " media item; delete the whole session instead (DELETE /v1/veriff/sessions/" + sessionId + ")");
    }

    /** A JSON response whose signature was verified. */
    private record Signed(byte[] body, JsonNode tree, String contentType, int status) {
    }

    private Signed getJson(String path, String signedId, String what) {
        ProviderResponse response = call("GET", path, signedId);
        int status = response.status();
        if (status != 200) {
            throw error(response, what);
        }
        byte[] body = ProviderHttpClient.readBounded(response, MAX_JSON_BYTES, NAME);
        Optional<String> signature = response.header(VeriffSignature.HEADER);
        if (signature.isEmpty()) {
            if (config.requireResponseSignature()) {
                throw unsigned(path);
            }
        } else if (!VeriffSignature.verify(credentials().sharedSecret, body, signature.get())) {
            SECURITY.warnf("security-event=response-signature-mismatch provider=veriff resource=%s", path);
            throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE,
                    "veriff's response signature did not match its body; the response was discarded", status);
        }
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new IOException("not a JSON object");
            }
            String contentType = response.header("Content-Type").orElse("application/json");
            return new Signed(body, tree, contentType, status);
        } catch (IOException e) {
            throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE, "veriff sent a body that is not JSON",
                    status);
        }
    }

    private static ProviderException unsigned(String what) {
        return new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE,
                "veriff sent " + what + " without a response signature (X-HMAC-SIGNATURE)", 200);
    }

    private ProviderResponse call(String method, String path, String signedId) {
        return http.sendWithCredentials(NAME, () -> {
            Credentials current = credentials();
            return () -> request(current, method, path, signedId);
        }, () -> {
            config.apiKey().ifPresent(secrets::invalidate);
            config.sharedSecret().ifPresent(secrets::invalidate);
        });
    }

    private ProviderRequest request(Credentials credentials, String method, String path, String signedId) {
        return new ProviderRequest(method, ProviderRequest.under(credentials.base, path), Map.of(
                "Accept", "application/json",
                "X-AUTH-CLIENT", credentials.apiKey,
                VeriffSignature.HEADER, VeriffSignature.sign(credentials.sharedSecret, signedId)));
    }

    private ProviderException error(ProviderResponse response, String what) {
        Optional<String> code = ProviderErrors.code(json, ProviderHttpClient.readErrorBody(response));
        int status = response.status();
        if (status == 400 && code.filter(DELETE_REFUSED::contains).isPresent()) {
            return new ProviderException(ProblemType.CONFLICT, "veriff refused: the session cannot be deleted"
                    + " in its current state, e.g. while it is in progress (code " + code.get() + ")", status);
        }
        return ProviderErrors.fromStatus(NAME, status, http.retryAfter(response), code, what);
    }

    private Credentials credentials() {
        URI baseUrl = config.baseUrl()
                .orElseThrow(() -> NotConfiguredException.missing("Veriff", "idv.veriff.base-url"));
        String apiKeyRef = config.apiKey()
                .orElseThrow(() -> NotConfiguredException.missing("Veriff", "idv.veriff.api-key"));
        String secretRef = config.sharedSecret()
                .orElseThrow(() -> NotConfiguredException.missing("Veriff", "idv.veriff.shared-secret"));
        return new Credentials(baseUrl, secrets.resolve(apiKeyRef), secrets.get(secretRef));
    }

    private record Credentials(URI base, String apiKey, String sharedSecret) {
        @Override
        public String toString() {
            return "Credentials[redacted]";
        }
    }
}
