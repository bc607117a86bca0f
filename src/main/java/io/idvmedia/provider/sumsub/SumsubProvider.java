package io.idvmedia.provider.sumsub;

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
import io.idvmedia.provider.http.RequestSigning;
import io.idvmedia.secrets.SecretSettings;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.signing.HmacSha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sumsub. A session is an applicant ({@code applicantId}, 24 lowercase letters and digits); its media are the
 * applicant's images and videos, listed from its resources (deactivated ones too) and served only if listed for that
 * applicant. Every request is signed afresh: {@code X-App-Access-Sig} is the HMAC-SHA256, with the secret key, of
 * the timestamp, the method, the path with its query, and the body. Sumsub has no erasure through its API
 * (deactivating or resetting an applicant keeps its data): both deletions answer 501, and make no call.
 */
@ApplicationScoped
public class SumsubProvider implements IdvProvider, ProviderEndpoint, SecretSettings {

    public static final String NAME = "sumsub";
    /** Sumsub's ids: applicants are 24 lowercase letters and digits, images are numbers. */
    public static final IdFormat APPLICANT_IDS = IdFormat.of("24 lowercase letters or digits", "[0-9a-z]{24}");
    public static final IdFormat IMAGE_IDS = IdFormat.of("a number of 1 to 19 digits", "[0-9]{1,19}");
    /** Sumsub, described once. */
    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(NAME, APPLICANT_IDS, IMAGE_IDS,
            List.of("idv.sumsub.app-token", "idv.sumsub.secret-key"), List.of("idv.sumsub.webhook-secrets"),
            "applicantReviewed events with X-Payload-Digest, the HMAC of the body (X-Payload-Digest-Alg: SHA-1, SHA-256"
                    + " or SHA-512) with the webhook secret");

    private final SumsubConfig config;
    private final SecretsProvider secrets;
    private final ProviderCalls calls;
    private final Clock clock;
    private final TimedCache<SumsubMedia> indexes;

    @Inject
    public SumsubProvider(SumsubConfig config, SecretsProvider secrets, ProviderCalls calls) {
        this.config = config;
        this.secrets = secrets;
        this.calls = calls;
        this.clock = Clock.systemUTC();
        this.indexes = new TimedCache<>(config.mediaIndexTtl(), 10_000, clock);
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
    public SessionDocument getSession(String applicantId) {
        return applicant(applicantId).asSession();
    }

    @Override
    public List<MediaItem> listMedia(String applicantId) {
        return index(applicantId).items();
    }

    @Override
    public SessionSummary summarize(String applicantId) {
        return snapshot(applicantId).summary();
    }

    @Override
    public SessionSnapshot snapshot(String applicantId) {
        ProviderDocument applicant = applicant(applicantId);
        return new SessionSnapshot(applicant.asSession(), SumsubSummary.of(applicantId, applicant.tree(),
                index(applicantId).items()));
    }

    @Override
    public MediaContent getMedia(String applicantId, String imageId) {
        // Sumsub would serve an image under another applicant's path only if it were theirs; asking the list first
        // makes the answer for an unlisted id a 404 without any download.
        if (!index(applicantId).contains(imageId)) {
            throw new ProviderException(ProblemType.NOT_FOUND, "Media " + imageId + " of session " + applicantId
                    + " not found at sumsub", 404);
        }
        return calls.openMedia(this, ProviderCall.get(SumsubApi.IMAGE, List.of(applicantId, imageId), imageId,
                "Media " + imageId + " of session " + applicantId));
    }

    @Override
    public Deletion deleteSession(String applicantId) {
        throw new IdvException(ProblemType.NOT_SUPPORTED_BY_PROVIDER, "sumsub offers no erasure through its API:"
                + " deactivating or resetting an applicant keeps its data. Ask Sumsub for erasure through its privacy"
                + " process (the applicant id is the reference); staged copies here are removed all the same"
                + " (stagedCopiesRemoved)");
    }

    @Override
    public Deletion deleteMedia(String applicantId, String imageId) {
        throw new IdvException(ProblemType.NOT_SUPPORTED_BY_PROVIDER, "sumsub offers no erasure of an image through"
                + " its API: deactivating it keeps its data. Ask Sumsub for erasure through its privacy process; a"
                + " staged copy here is removed all the same (stagedCopiesRemoved)");
    }

    private ProviderDocument applicant(String applicantId) {
        return calls.getJson(this, ProviderCall.get(SumsubApi.APPLICANT, List.of(applicantId), applicantId,
                "Session " + applicantId));
    }

    private SumsubMedia index(String applicantId) {
        return indexes.get(applicantId, () -> SumsubMedia.of(calls.getJson(this, ProviderCall.get(SumsubApi.RESOURCES,
                List.of(applicantId), applicantId, "Session " + applicantId)).tree(), IMAGE_IDS));
    }

    @Override
    public URI base() {
        return config.baseUrl().orElseThrow(() -> NotConfiguredException.missing("Sumsub", "idv.sumsub.base-url"));
    }

    /**
     * The app token, the time in seconds, and the signature over time + METHOD + path and query (no body: these
     * functions only read), made for each attempt so that a retry never carries a stale time.
     */
    @Override
    public RequestSigning signing() {
        String token = secrets.get(config.appToken()
                .orElseThrow(() -> NotConfiguredException.missing("Sumsub", "idv.sumsub.app-token")));
        String key = secrets.get(config.secretKey()
                .orElseThrow(() -> NotConfiguredException.missing("Sumsub", "idv.sumsub.secret-key")));
        return (method, uri) -> {
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            return new RequestSigning.Signed(uri, Map.of(
                    SumsubApi.TOKEN_HEADER, token,
                    SumsubApi.TIMESTAMP_HEADER, timestamp,
                    SumsubApi.SIGNATURE_HEADER, signature(key, timestamp, method, uri, new byte[0])));
        };
    }

    /** Sumsub's request signature: hex HMAC-SHA256 of ts + METHOD + path (with {@code ?query}) + body. */
    static String signature(String key, String timestamp, String method, URI uri, byte[] body) {
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] head = (timestamp + method.toUpperCase(Locale.ROOT) + target).getBytes(StandardCharsets.UTF_8);
        HmacSha256.Verifier hmac = new HmacSha256.Verifier(key);
        hmac.update(head, 0, head.length);
        hmac.update(body, 0, body.length);
        return hmac.hex();
    }

    /** Sumsub signs requests with HMAC-SHA256. */
    @Override
    public boolean prime() {
        return HmacSha256.verify("priming", new byte[] {1}, HmacSha256.sign("priming", new byte[] {1}));
    }

    @Override
    public void forgetCredentials() {
        config.appToken().ifPresent(secrets::invalidate);
        config.secretKey().ifPresent(secrets::invalidate);
    }

    /** Sumsub's errors read {@code {"description", "code", "correlationId", "errorCode", "errorName"}}. */
    @Override
    public Optional<String> errorCode(JsonNode body) {
        JsonNode name = body.path("errorName");
        if (name.isTextual()) {
            return Optional.of(name.asText());
        }
        JsonNode code = body.path("errorCode");
        return code.isIntegralNumber() ? Optional.of(code.asText()) : Optional.empty();
    }

    /** Every 5xx is a 502 (a 504 too: Sumsub's gateway, not ours, timed out); the rest as usual. */
    @Override
    public ProviderException error(ProviderError error) {
        if (error.status() >= 500) {
            return new ProviderException(ProblemType.PROVIDER_ERROR, "sumsub answered HTTP " + error.status()
                    + error.safeCode().map(c -> ", code " + c).orElse(""), error.status());
        }
        return error.common();
    }

    /** The credentials, when set, are read once at start-up (see SecretChecks). */
    @Override
    public Map<String, List<String>> secretSettings() {
        return SecretSettings.present(Map.of("idv.sumsub.app-token", config.appToken(),
                "idv.sumsub.secret-key", config.secretKey()));
    }
}
