package io.idvmedia.sandbox;

import io.idvmedia.secrets.SecretsProvider;
import io.idvmedia.signing.PemKeys;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The keys of the sandboxes. The Yoti sandbox trusts a configured public key or else the public half of a DEMO key
 * pair generated on first start into {@code idv.sandbox.demo-key-file} (PKCS#1 PEM, as Yoti issues keys), which the
 * dev and test profiles give the application as its Yoti private key. The Veriff sandbox uses a configured shared
 * secret or a DEMO one generated likewise, the Onfido sandbox a configured API token and webhook token or DEMO
 * ones generated likewise, and the Sumsub sandbox an app token, secret key and webhook secret likewise. Grants are
 * signed, in dev and test, with a DEMO EC P-256 key generated likewise into {@code idv.sandbox.grant-key-file},
 * whose public half is written as a JWK Set beside it, and erasure receipts with another such key
 * ({@code idv.sandbox.receipt-key-file}). Demo keys protect nothing.
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class SandboxKeys {

    private static final Logger LOG = Logger.getLogger(SandboxKeys.class);

    private final PublicKey trusted;
    private final String veriffSharedSecret;
    private final String onfidoApiToken;
    private final String onfidoWebhookToken;
    private final String sumsubAppToken;
    private final String sumsubSecretKey;
    private final String sumsubWebhookSecret;

    @Inject
    public SandboxKeys(SandboxConfig config, SecretsProvider secrets) {
        PublicKey demo = demoKeyPair(config.demoKeyFile());
        this.trusted = config.yoti().publicKey().map(ref -> PemKeys.publicKey(secrets.get(ref))).orElse(demo);
        this.veriffSharedSecret = config.veriff().sharedSecret().map(secrets::get)
                .orElseGet(() -> demoSharedSecret(config.veriff().demoSharedSecretFile()));
        this.onfidoApiToken = config.onfido().apiToken().map(secrets::get)
                .orElseGet(() -> demoSharedSecret(config.onfido().demoApiTokenFile()));
        this.onfidoWebhookToken = config.onfido().webhookToken().map(secrets::get)
                .orElseGet(() -> demoSharedSecret(config.onfido().demoWebhookTokenFile()));
        this.sumsubAppToken = config.sumsub().appToken().map(secrets::get)
                .orElseGet(() -> demoSharedSecret(config.sumsub().demoAppTokenFile()));
        this.sumsubSecretKey = config.sumsub().secretKey().map(secrets::get)
                .orElseGet(() -> demoSharedSecret(config.sumsub().demoSecretKeyFile()));
        this.sumsubWebhookSecret = config.sumsub().webhookSecret().map(secrets::get)
                .orElseGet(() -> demoSharedSecret(config.sumsub().demoWebhookSecretFile()));
        demoSigningKey(config.grantKeyFile(), Optional.of(config.grantJwksFile()), "grant signing");
        demoSigningKey(config.receiptKeyFile(), Optional.empty(), "receipt signing");
    }

    public PublicKey trustedYotiKey() {
        return trusted;
    }

    /** The shared secret the Veriff sandbox checks requests with and signs responses with. */
    public String veriffSharedSecret() {
        return veriffSharedSecret;
    }

    /** The API token the Onfido sandbox accepts. */
    public String onfidoApiToken() {
        return onfidoApiToken;
    }

    /** The token the Onfido sandbox signs its webhooks with. */
    public String onfidoWebhookToken() {
        return onfidoWebhookToken;
    }

    /** The app token the Sumsub sandbox accepts. */
    public String sumsubAppToken() {
        return sumsubAppToken;
    }

    /** The secret key the Sumsub sandbox checks request signatures with. */
    public String sumsubSecretKey() {
        return sumsubSecretKey;
    }

    /** The secret the Sumsub sandbox digests its webhooks with. */
    public String sumsubWebhookSecret() {
        return sumsubWebhookSecret;
    }

    private static String demoSharedSecret(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            writePrivately(file, secret);
            LOG.infof("Generated a DEMO sandbox secret in %s", file);
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the sandbox demo secret " + file, e);
        }
    }

    /** Writes a new file readable by its owner only, atomically; if another process won the race, keeps theirs. */
    private static void writePrivately(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "demo-secret", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            Files.deleteIfExists(temp);
        }
    }

    /** A DEMO EC P-256 private JWK with a kid, and its public half as a JWK Set when asked for. */
    private static void demoSigningKey(Path keyFile, Optional<Path> jwksFile, String what) {
        try {
            if (!Files.exists(keyFile)) {
                EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
                byte[] kid = new byte[6];
                new SecureRandom().nextBytes(kid);
                jwk.setKeyId("sandbox-demo-" + HexFormat.of().formatHex(kid));
                jwk.setUse("sig");
                writePrivately(keyFile, jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
                LOG.infof("Generated the sandbox's DEMO %s key in %s", what, keyFile);
            }
            // Read back: when another process wrote the file first, its key is the one in use.
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(Files.readString(keyFile,
                    StandardCharsets.UTF_8));
            if (jwksFile.isPresent() && !Files.exists(jwksFile.get())) {
                writePrivately(jwksFile.get(), new JsonWebKeySet(key).toJson(
                        JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the sandbox demo " + what + " key " + keyFile, e);
        } catch (JoseException e) {
            throw new IllegalStateException("The sandbox demo " + what + " key " + keyFile + " is not a JWK", e);
        }
    }

    private static PublicKey demoKeyPair(Path file) {
        try {
            if (Files.exists(file)) {
                return publicHalf(PemKeys.privateKey(Files.readString(file, StandardCharsets.UTF_8)));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(pair.getPrivate());
            }
            writePrivately(file, pem.toString());
            LOG.infof("Generated the sandbox's DEMO Yoti key pair in %s", file);
            // Read back: when another process wrote the file first, its key is the one in use.
            return publicHalf(PemKeys.privateKey(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the sandbox demo key " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is unavailable", e);
        }
    }

    private static PublicKey publicHalf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("The sandbox demo key is not an RSA key");
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not derive the demo public key", e);
        }
    }
}
