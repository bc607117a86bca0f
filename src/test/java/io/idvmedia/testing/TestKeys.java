package io.idvmedia.testing;

import io.idvmedia.signing.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;

/** The RSA test key pair in {@code src/test/resources/keys} (PKCS#1 and PKCS#8 forms of one key, its public key). */
public final class TestKeys {

    private TestKeys() {
    }

    public static PrivateKey key(String name) throws IOException {
        return PemKeys.privateKey(resource(name));
    }

    public static PublicKey publicKey() throws IOException {
        return PemKeys.publicKey(resource("test-key-public.pem"));
    }

    public static String resource(String name) throws IOException {
        try (InputStream in = TestKeys.class.getResourceAsStream("/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
