package io.idvmedia.provider.yoti;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.idvmedia.provider.http.ProviderCall;
import io.idvmedia.provider.http.ProviderCalls;
import io.idvmedia.provider.http.ProviderDocument;
import io.idvmedia.provider.http.ProviderEndpoint;
import io.idvmedia.provider.http.RequestSigning;
import io.idvmedia.secrets.SecretSettings;
import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.signing.PemKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.List;
import java.util.Map;

/** Yoti IDV: signed requests to the sessions and media-content endpoints. */
@ApplicationScoped
public class YotiProvider implements IdvProvider, ProviderEndpoint, SecretSettings {

    public static final String NAME = "yoti";
    /** Yoti, described once. */
    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(NAME, IdFormat.UUID, IdFormat.UUID,
            List.of("idv.yoti.sdk-id", "idv.yoti.private-key"), List.of("idv.yoti.notification-token"),
            "session_completion notifications carrying the notification token in Authorization (Basic or Bearer)");
    static final String SDK_NAME = "idv-media-functions";
    static final String SDK_VERSION = "0.1.0";
    /**
     * A public key made for {@link #prime()} only; no signature is ever checked with it. In PKCS#1's form, so that it
     * is read by the same ASN.1 classes as Yoti's PKCS#1 private keys.
     */
    private static final String PRIMING_PUBLIC_KEY = """
            -----BEGIN RSA PUBLIC KEY-----
            MIIBCgKCAQEA5oVyhgbVwD8MgxBV4WXkGAdcf4EqDF7BS3u23rOoMgNQsCXnPoqu
            hFTGVxb6fkLCYKaI+FpUowOnhDSNqUyJMz+IXJOttn10W1eHSC+IAIxakJT91QKZ
            u7twRa8zuHcc27zFs3G38l1jTFSM5dpktwpXzV185YHU8Sh/9x+icCx5H3O0dWjv
            aMij9WF9yfRMivOGn4BKHX7ZhfyqCUymRioSqOg4RXq1TrdTn6Od3eU0ebd9xOvy
            Rr2op49RlIsz09Hg7F0o04ZRVs8uVgZeQNp2BHBuoQshhqtD8BDiuswouN05oWM8
            F1tNGmAe8UQM7BDVPpDbA4x5B5M3U++eEQIDAQAB
            -----END RSA PUBLIC KEY-----
            """;

    private final YotiConfig config;
    private final SecretsProvider secrets;
    private final ProviderCalls calls;
    private final ObjectMapper json;
    private volatile Credentials credentials;

    @Inject
    public YotiProvider(YotiConfig config, SecretsProvider secrets, ProviderCalls calls, ObjectMapper json) {
        this.config = config;
        this.secrets = secrets;
        this.calls = calls;
        this.json = json;
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
        return fetchSession(sessionId).asSession();
    }

    @Override
    public List<MediaItem> listMedia(String sessionId) {
        return YotiMediaIndex.of(fetchSession(sessionId).tree());
    }

    @Override
    public SessionSummary summarize(String sessionId) {
        return summary(sessionId, fetchSession(sessionId));
    }

    @Override
    public SessionSnapshot snapshot(String sessionId) {
        ProviderDocument fetched = fetchSession(sessionId);
        return new SessionSnapshot(fetched.asSession(), summary(sessionId, fetched));
    }

    private SessionSummary summary(String sessionId, ProviderDocument fetched) {
        try {
            return YotiSummary.of(sessionId, YotiSession.of(json, fetched.tree()), YotiMediaIndex.of(fetched.tree()));
        } catch (IOException e) {
            throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE, "yoti sent a session that does not have"
                    + " the shape of a session", fetched.status());
        }
    }

    private ProviderDocument fetchSession(String sessionId) {
        return calls.getJson(this, ProviderCall.get(YotiApi.SESSION, List.of(sessionId), sessionId,
                "Session " + sessionId));
    }

    @Override
    public MediaContent getMedia(String sessionId, String mediaId) {
        return calls.openMedia(this, ProviderCall.get(YotiApi.MEDIA_CONTENT, List.of(sessionId, mediaId), mediaId,
                "Media " + mediaId + " of session " + sessionId));
    }

    @Override
    public Deletion deleteSession(String sessionId) {
        return calls.delete(this, ProviderCall.delete(YotiApi.SESSION, List.of(sessionId), sessionId,
                "Session " + sessionId));
    }

    @Override
    public Deletion deleteMedia(String sessionId, String mediaId) {
        return calls.delete(this, ProviderCall.delete(YotiApi.MEDIA_CONTENT, List.of(sessionId, mediaId), mediaId,
                "Media " + mediaId + " of session " + sessionId));
    }

    @Override
    public URI base() {
        return config.baseUrl();
    }

    @Override
    public RequestSigning signing() {
        return new YotiSigning(credentials().signer, config.baseUrl());
    }

    @Override
    public void forgetCredentials() {
        config.sdkId().ifPresent(secrets::invalidate);
        config.privateKey().ifPresent(secrets::invalidate);
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

    /** The credentials, when set, are read once at start-up (see SecretChecks). */
    @Override
    public Map<String, List<String>> secretSettings() {
        return SecretSettings.present(Map.of("idv.yoti.sdk-id", config.sdkId(), "idv.yoti.private-key",
                config.privateKey()));
    }

    /**
     * Yoti's requests are signed with SHA256withRSA by a key read from PEM: a fixed public key (made for this and for
     * nothing else) is read through the same parser, and an empty signature checked with it, which loads the PEM
     * parser, the key factory and the RSA signature, and proves nothing.
     */
    @Override
    public boolean prime() {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(PemKeys.publicKey(PRIMING_PUBLIC_KEY));
            rsa.update(PRIMING_PUBLIC_KEY.getBytes(StandardCharsets.US_ASCII));
            return !rsa.verify(new byte[256]);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
