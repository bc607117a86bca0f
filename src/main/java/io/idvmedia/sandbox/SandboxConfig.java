package io.idvmedia.sandbox;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code idv.sandbox.*}: the embedded fake providers. They exist only in builds where the build-time property
 * {@code idv.sandbox.enabled} is {@code true} (dev and test profiles); a production build has no sandbox routes.
 */
@ConfigMapping(prefix = "idv.sandbox")
public interface SandboxConfig {

    /** Build-time switch; read by the build conditions on the sandbox's beans and resources. */
    @WithDefault("false")
    boolean enabled();

    /** Where the demo key pair is kept (generated on first start when missing). */
    @WithDefault("target/sandbox/yoti-demo-key.pem")
    Path demoKeyFile();

    /**
     * Where the DEMO grant signing key (a private EC P-256 JWK) is kept, generated on first start when missing; the
     * dev and test profiles point {@code idv.access.signing-key} at it.
     */
    @WithDefault("target/sandbox/grant-demo-key.json")
    Path grantKeyFile();

    /** Its public half as a JWK Set, written beside it; the dev and test profiles verify grants with it. */
    @WithDefault("target/sandbox/grant-demo-jwks.json")
    Path grantJwksFile();

    /**
     * Where the DEMO erasure receipt signing key (a private EC P-256 JWK) is kept, generated on first start when
     * missing; the dev and test profiles point {@code idv.receipts.signing-key} at it.
     */
    @WithDefault("target/sandbox/receipt-demo-key.json")
    Path receiptKeyFile();

    /** Size in bytes of the generated sandbox video. */
    @WithDefault("1073741824")
    long videoSize();

    /**
     * The most media bytes one sandbox response sends per second (e.g. {@code 100M}), to stand in for a provider's
     * real rate; unlimited when absent.
     */
    Optional<MemorySize> rateLimit();

    /** The rate limit in bytes per second; 0 when none is set. */
    default long bytesPerSecond() {
        return rateLimit().map(MemorySize::asLongValue).orElse(0L);
    }

    /**
     * Where the sandbox sends its webhooks ({@code {base}/v1/{provider}/webhooks}): this application in dev and test;
     * when absent the sandbox sends none.
     */
    Optional<URI> webhookBaseUrl();

    Yoti yoti();

    Veriff veriff();

    Onfido onfido();

    Sumsub sumsub();

    /** The Yoti-compatible sandbox. */
    interface Yoti {
        /** The SDK id whose requests the sandbox accepts. */
        @WithDefault("sandbox-sdk-id")
        String sdkId();

        /** Secret reference to the PEM public key (or certificate) the sandbox trusts; the demo key when absent. */
        Optional<String> publicKey();

        /** The token the sandbox's notifications carry ({@code Authorization: Bearer}); a DEMO value. */
        @WithDefault("sandbox-notification-token")
        String notificationToken();
    }

    /** The Veriff-compatible sandbox. */
    interface Veriff {
        /** The API key ({@code X-AUTH-CLIENT}) the sandbox accepts. */
        @WithDefault("sandbox-api-key")
        String apiKey();

        /** Secret reference to the shared secret; a DEMO secret generated into the demo file when absent. */
        Optional<String> sharedSecret();

        /** Where the demo shared secret is kept (generated on first start when missing). */
        @WithDefault("target/sandbox/veriff-demo-shared-secret")
        Path demoSharedSecretFile();
    }

    /** The Onfido-compatible sandbox. */
    interface Onfido {
        /** Secret reference to the API token the sandbox accepts; a DEMO token generated into the file when absent. */
        Optional<String> apiToken();

        @WithDefault("target/sandbox/onfido-demo-api-token")
        Path demoApiTokenFile();

        /** Secret reference to the token its webhooks are signed with; a DEMO token generated likewise when absent. */
        Optional<String> webhookToken();

        @WithDefault("target/sandbox/onfido-demo-webhook-token")
        Path demoWebhookTokenFile();
    }

    /** The Sumsub-compatible sandbox. */
    interface Sumsub {
        /** Secret reference to the app token the sandbox accepts; a DEMO token generated into the file when absent. */
        Optional<String> appToken();

        @WithDefault("target/sandbox/sumsub-demo-app-token")
        Path demoAppTokenFile();

        /** Secret reference to the secret key requests are signed with; a DEMO key generated likewise when absent. */
        Optional<String> secretKey();

        @WithDefault("target/sandbox/sumsub-demo-secret-key")
        Path demoSecretKeyFile();

        /** Secret reference to the secret its webhooks are digested with; a DEMO one generated likewise when absent. */
        Optional<String> webhookSecret();

        @WithDefault("target/sandbox/sumsub-demo-webhook-secret")
        Path demoWebhookSecretFile();
    }
}
