package io.idvmedia.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The verification keys of the access tests, kept in files under {@code target/access-test} so that the test
 * resource (which configures the application) and the tests (which sign grants) read the same keys whatever class
 * loader they run in: an RSA, an EC and an HMAC key in the JWK Set secret, two EC keys served by the issuer's JWKS
 * endpoint (the second one for rotation) together with an HMAC key that must be ignored there, and look-alikes for
 * forged grants.
 */
public final class AccessKeys {

    public static final String ISSUER = "https://issuer.test/grants";
    public static final Path DIR = Path.of("target", "access-test");
    public static final Path JWKS_FILE = DIR.resolve("jwks.json");

    private AccessKeys() {
    }

    public static PublicJsonWebKey rsa() {
        return (PublicJsonWebKey) key("rsa-1");
    }

    public static PublicJsonWebKey ec() {
        return (PublicJsonWebKey) key("ec-1");
    }

    /** A key the JWK Set gains when it is rotated. */
    public static PublicJsonWebKey rotatedEc() {
        return (PublicJsonWebKey) key("ec-2");
    }

    public static JsonWebKey hmac() {
        return key("hs-1");
    }

    public static PublicJsonWebKey endpointEc() {
        return (PublicJsonWebKey) key("url-ec-1");
    }

    /** A key the JWKS endpoint starts to serve when the issuer rotates. */
    public static PublicJsonWebKey rotatedEndpointEc() {
        return (PublicJsonWebKey) key("url-ec-2");
    }

    /** An HMAC key the endpoint serves, which must never be trusted: a key published at a URL is public. */
    public static JsonWebKey endpointHmac() {
        return key("url-hs-1");
    }

    /** A different EC key that claims the kid {@code ec-1}: a forger's. */
    public static PublicJsonWebKey forgedEc() {
        return (PublicJsonWebKey) key("forged-ec-1");
    }

    /** The JWK Set secret: public halves of rsa-1 and ec-1, and hs-1; with ec-2 too once rotated. */
    public static String secretJwks(boolean rotated) {
        List<JsonWebKey> keys = rotated ? List.of(rsa(), ec(), hmac(), rotatedEc()) : List.of(rsa(), ec(), hmac());
        return jwks(keys);
    }

    /** What the issuer's endpoint serves, before and after it rotates. */
    public static String endpointJwks(boolean rotated) {
        return jwks(rotated ? List.of(endpointEc(), rotatedEndpointEc(), endpointHmac())
                : List.of(endpointEc(), endpointHmac()));
    }

    public static void writeSecretJwks(boolean rotated) {
        try {
            Files.createDirectories(DIR);
            Path temp = Files.createTempFile(DIR, "jwks", ".tmp");
            Files.writeString(temp, secretJwks(rotated));
            Files.move(temp, JWKS_FILE, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jwks(List<JsonWebKey> keys) {
        JsonWebKeySet set = new JsonWebKeySet(keys);
        // Symmetric keys have no public half: INCLUDE_SYMMETRIC keeps them, and leaves private halves out.
        return set.toJson(JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC);
    }

    private static synchronized JsonWebKey key(String kid) {
        Path file = DIR.resolve(kid + ".json");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(DIR);
                JsonWebKey jwk;
                if (kid.startsWith("rsa")) {
                    jwk = RsaJwkGenerator.generateJwk(2048);
                } else if (kid.contains("hs")) {
                    jwk = OctJwkGenerator.generateJwk(256);
                } else {
                    jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
                }
                jwk.setKeyId(kid.startsWith("forged-") ? kid.substring("forged-".length()) : kid);
                Path temp = Files.createTempFile(DIR, kid, ".tmp");
                Files.writeString(temp, jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
                try {
                    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(temp);
                }
            }
            return JsonWebKey.Factory.newJwk(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        // Touch the random source early: key generation is the slow part, and happens once per build directory.
        new SecureRandom().nextInt();
    }
}
