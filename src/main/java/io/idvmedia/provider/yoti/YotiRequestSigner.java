package io.idvmedia.provider.yoti;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Signs Yoti API requests: adds {@code sdkId}, {@code nonce} and {@code timestamp} to the query and computes
 * {@code X-Yoti-Auth-Digest} = Base64(SHA256withRSA(METHOD&amp;pathWithQuery[&amp;Base64(body)])). The key is
 * parsed once by the caller; the clock and nonce source are injected so that a test vector is exact.
 */
public final class YotiRequestSigner {

    public static final String DIGEST_HEADER = "X-Yoti-Auth-Digest";

    private final String sdkId;
    private final PrivateKey key;
    private final Clock clock;
    private final Supplier<UUID> nonces;

    public YotiRequestSigner(String sdkId, PrivateKey key, Clock clock, Supplier<UUID> nonces) {
        this.sdkId = Objects.requireNonNull(sdkId, "sdkId");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    public YotiRequestSigner(String sdkId, PrivateKey key) {
        this(sdkId, key, Clock.systemUTC(), UUID::randomUUID);
    }

    /**
     * Signs one request.
     *
     * @param method HTTP method
     * @param path path relative to the API base, optionally with a query already
     * @param body the request body, or {@code null} when there is none
     */
    public SignedRequest sign(String method, String path, byte[] body) {
        String pathWithQuery = path + (path.indexOf('?') >= 0 ? '&' : '?')
                + "sdkId=" + URLEncoder.encode(sdkId, StandardCharsets.UTF_8)
                + "&nonce=" + nonces.get()
                + "&timestamp=" + clock.millis();
        return new SignedRequest(pathWithQuery, Map.of(DIGEST_HEADER, digest(key, method, pathWithQuery, body)));
    }

    /** The pure signature function: the same inputs always give the same digest (PKCS#1 v1.5 is deterministic). */
    public static String digest(PrivateKey key, String method, String pathWithQuery, byte[] body) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(message(method, pathWithQuery, body));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not compute the Yoti request digest", e);
        }
    }

    /** The bytes that are signed; the sandbox uses it to verify. */
    public static byte[] message(String method, String pathWithQuery, byte[] body) {
        StringBuilder message = new StringBuilder(method.toUpperCase(Locale.ROOT))
                .append('&').append(pathWithQuery);
        if (body != null && body.length > 0) {
            message.append('&').append(Base64.getEncoder().encodeToString(body));
        }
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The path and query to send, and the headers that authenticate it. */
    public record SignedRequest(String pathWithQuery, Map<String, String> headers) {
    }
}
