package io.idvmedia.provider.veriff;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import io.idvmedia.provider.Deletion;
import io.idvmedia.provider.IdFormat;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaItem;
import io.idvmedia.provider.ProviderDescriptor;
import io.idvmedia.provider.SessionDocument;
import io.idvmedia.provider.SessionSnapshot;
import io.idvmedia.provider.SessionSummary;
import io.idvmedia.provider.TimedCache;
import io.idvmedia.provider.http.ProviderCall;
import io.idvmedia.provider.http.ProviderCalls;
import io.idvmedia.provider.http.ProviderDocument;
import io.idvmedia.provider.http.ProviderEndpoint;
import io.idvmedia.provider.http.ProviderError;
import io.idvmedia.provider.http.ProviderResponse;
import io.idvmedia.provider.http.RequestSigning;
import io.idvmedia.secrets.SecretSettings;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.signing.HmacSha256;
import io.idvmedia.signing.VerifiedInputStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Veriff: requests signed with HMAC-SHA256 over the id in the path, and every response body checked against its
 * {@code X-HMAC-SIGNATURE} (media incrementally, as it streams).
 */
@ApplicationScoped
public class VeriffProvider implements IdvProvider, ProviderEndpoint, SecretSettings {

    public static final String NAME = "veriff";
    /** Veriff, described once. */
    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(NAME, IdFormat.UUID, IdFormat.UUID,
            List.of("idv.veriff.api-key", "idv.veriff.shared-secret"),
            List.of("idv.veriff.api-key", "idv.veriff.shared-secret", "idv.veriff.webhook-secrets"),
            "decision and event webhooks with X-AUTH-CLIENT and X-HMAC-SIGNATURE, the HMAC-SHA256 of the body with"
                    + " the shared secret");
    private static final Logger SECURITY = Logger.getLogger("io.idvmedia.security");
    // Veriff's codes for "session cannot be deleted in its current state".
    private static final Set<String> DELETE_REFUSED = Set.of("1305", "1306");

    private final VeriffConfig config;
    private final SecretsProvider secrets;
    private final ProviderCalls calls;
    private final TimedCache<List<MediaItem>> mediaLists;

    @Inject
    public VeriffProvider(VeriffConfig config, SecretsProvider secrets, ProviderCalls calls) {
        this.config = config;
        this.secrets = secrets;
        this.calls = calls;
        this.mediaLists = new TimedCache<>(config.mediaListTtl(), 10_000, Clock.systemUTC());
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SessionDocument getSession(String sessionId) {
        return decision(sessionId).asSession();
    }

    @Override
    public List<MediaItem> listMedia(String sessionId) {
        return mediaLists.get(sessionId, () -> VeriffMediaIndex.of(calls.getJson(this,
                ProviderCall.get(VeriffApi.SESSION_MEDIA, List.of(sessionId), sessionId, "Session " + sessionId))
                .tree()));
    }

    @Override
    public SessionSummary summarize(String sessionId) {
        return VeriffSummary.of(sessionId, decision(sessionId).tree(), listMedia(sessionId));
    }

    @Override
    public SessionSnapshot snapshot(String sessionId) {
        ProviderDocument decision = decision(sessionId);
        return new SessionSnapshot(decision.asSession(), VeriffSummary.of(sessionId, decision.tree(),
                listMedia(sessionId)));
    }

    /**
     * The session's decision, which must be that session's: a decision whose {@code verification.id} names another
     * session is never served (a 502), whatever proxy, cache or mix-up produced it.
     */
    private ProviderDocument decision(String sessionId) {
        ProviderDocument decision = calls.getJson(this, ProviderCall.get(VeriffApi.DECISION, List.of(sessionId),
                sessionId, "Session " + sessionId));
        JsonNode id = decision.tree().path("verification").path("id");
        if (!id.isMissingNode() && !id.isNull() && !sessionId.equalsIgnoreCase(id.asText())) {
            throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE, "veriff answered the decision of another"
                    + " session; nothing was served", decision.status());
        }
        return decision;
    }

    @Override
    public MediaContent getMedia(String sessionId, String mediaId) {
        // Veriff's media path names no session: without this check any media id would pass under any session.
        if (listMedia(sessionId).stream().noneMatch(m -> m.id().equals(mediaId))) {
            throw new ProviderException(ProblemType.NOT_FOUND,
                    "Media " + mediaId + " of session " + sessionId + " not found at veriff", 404);
        }
        return calls.openMedia(this, ProviderCall.get(VeriffApi.MEDIA, List.of(mediaId), mediaId,
                "Media " + mediaId + " of session " + sessionId));
    }

    @Override
    public Deletion deleteSession(String sessionId) {
        Deletion deletion = calls.delete(this, ProviderCall.delete(VeriffApi.SESSION, List.of(sessionId), sessionId,
                "Session " + sessionId));
        mediaLists.invalidate(sessionId);
        return deletion;
    }

    @Override
    public Deletion deleteMedia(String sessionId, String mediaId) {
        throw new IdvException(ProblemType.NOT_SUPPORTED_BY_PROVIDER, "veriff offers no deletion of a single"
                + " media item; delete the whole session instead (DELETE /v1/veriff/sessions/" + sessionId + ")");
    }

    @Override
    public URI base() {
        return config.baseUrl().orElseThrow(() -> NotConfiguredException.missing("Veriff", "idv.veriff.base-url"));
    }

    /**
     * {@code X-AUTH-CLIENT} is the API key and {@code X-HMAC-SIGNATURE} the HMAC of the id the path names (each of
     * {@link VeriffApi}'s paths names exactly one, a UUID), with the current shared secret.
     */
    @Override
    public RequestSigning signing() {
        Credentials current = credentials();
        return (method, uri) -> new RequestSigning.Signed(uri, Map.of(
                "X-AUTH-CLIENT", current.apiKey,
                VeriffApi.SIGNATURE_HEADER, HmacSha256.sign(current.sharedSecret, signedId(uri.getRawPath()))));
    }

    /** Veriff signs requests and answers with HMAC-SHA256. */
    @Override
    public boolean prime() {
        return HmacSha256.verify("priming", new byte[] {1}, HmacSha256.sign("priming", new byte[] {1}));
    }

    /** The one UUID in the path: what Veriff's signature of a GET or DELETE covers. */
    static String signedId(String path) {
        List<String> ids = Arrays.stream(path.split("/")).filter(IdFormat.UUID::matches).toList();
        if (ids.size() != 1) {
            throw new IllegalStateException("A Veriff path names " + ids.size() + " ids instead of one");
        }
        return ids.get(0);
    }

    @Override
    public void forgetCredentials() {
        config.apiKey().ifPresent(secrets::invalidate);
        config.sharedSecret().ifPresent(secrets::invalidate);
    }

    @Override
    public ProviderException error(ProviderError error) {
        if (error.status() == 400 && error.code().filter(DELETE_REFUSED::contains).isPresent()) {
            return new ProviderException(ProblemType.CONFLICT, "veriff refused: the session cannot be deleted"
                    + " in its current state, e.g. while it is in progress (code " + error.code().get() + ")",
                    error.status());
        }
        return error.common();
    }

    /** Every JSON answer must carry the signature of its body (unless configured otherwise), and match it. */
    @Override
    public void checkDocument(ProviderResponse response, byte[] body, String what) {
        Optional<String> signature = response.header(VeriffApi.SIGNATURE_HEADER);
        if (signature.isEmpty()) {
            if (config.requireResponseSignature()) {
                throw unsigned(what.toLowerCase(Locale.ROOT));
            }
        } else if (!HmacSha256.verify(credentials().sharedSecret, body, signature.get())) {
            SECURITY.warnf("security-event=response-signature-mismatch provider=veriff resource=%s", what);
            throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE,
                    "veriff's response signature did not match its body; the response was discarded",
                    response.status());
        }
    }

    /** The media body, its signature checked as it streams; unsigned, refused unless configured otherwise. */
    @Override
    public InputStream checkMedia(ProviderResponse response, InputStream body, String mediaId) {
        Optional<String> signature = response.header(VeriffApi.SIGNATURE_HEADER);
        if (signature.isEmpty()) {
            if (config.requireResponseSignature()) {
                closeQuietly(body);
                throw unsigned("media " + mediaId);
            }
            return body;
        }
        // Read after the call: a 401 may have made it read the secret again.
        HmacSha256.Verifier verifier = new HmacSha256.Verifier(credentials().sharedSecret);
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

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException | RuntimeException e) {
            // The body is refused either way.
        }
    }

    private static ProviderException unsigned(String what) {
        return new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE,
                "veriff sent " + what + " without a response signature (X-HMAC-SIGNATURE)", 200);
    }

    private Credentials credentials() {
        String apiKeyRef = config.apiKey()
                .orElseThrow(() -> NotConfiguredException.missing("Veriff", "idv.veriff.api-key"));
        String secretRef = config.sharedSecret()
                .orElseThrow(() -> NotConfiguredException.missing("Veriff", "idv.veriff.shared-secret"));
        return new Credentials(secrets.resolve(apiKeyRef), secrets.get(secretRef));
    }

    private record Credentials(String apiKey, String sharedSecret) {
        @Override
        public String toString() {
            return "Credentials[redacted]";
        }
    }

    /** The credentials, when set, are read once at start-up (see SecretChecks). */
    @Override
    public Map<String, List<String>> secretSettings() {
        return SecretSettings.present(Map.of("idv.veriff.api-key", config.apiKey(), "idv.veriff.shared-secret",
                config.sharedSecret()));
    }
}
