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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.jboss.logging.Logger;

/**
 * The key the Yoti sandbox trusts. Unless a public key is configured, it is the public half of a DEMO key pair
 * generated on first start into {@code idv.sandbox.demo-key-file} (PKCS#1 PEM, as Yoti issues keys), which the
 * dev and test profiles give the application as its Yoti private key. The demo key protects nothing.
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "idv.sandbox.enabled", stringValue = "true")
public class SandboxKeys {

    private static final Logger LOG = Logger.getLogger(SandboxKeys.class);

    private final PublicKey trusted;

    @Inject
    public SandboxKeys(SandboxConfig config, SecretsProvider secrets) {
        PublicKey demo = demoKeyPair(config.demoKeyFile());
        this.trusted = config.yoti().publicKey().map(ref -> PemKeys.publicKey(secrets.get(ref))).orElse(demo);
    }

    public PublicKey trustedYotiKey() {
        return trusted;
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
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "demo-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, pem.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temp);
                return publicHalf(PemKeys.privateKey(Files.readString(file, StandardCharsets.UTF_8)));
            }
            LOG.infof("Generated the sandbox's DEMO Yoti key pair in %s", file);
            return pair.getPublic();
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
