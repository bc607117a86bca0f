package io.idvmedia.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idvmedia.testing.TestKeys;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

class PemKeysTest {

    @Test
    void shouldReadPkcs1AndPkcs8FormsOfTheSameKey() throws Exception {
        RSAPrivateCrtKey pkcs1 = (RSAPrivateCrtKey) TestKeys.key("test-key-pkcs1.pem");
        RSAPrivateCrtKey pkcs8 = (RSAPrivateCrtKey) TestKeys.key("test-key-pkcs8.pem");
        RSAPublicKey pub = (RSAPublicKey) TestKeys.publicKey();

        assertThat(pkcs1.getModulus()).isEqualTo(pkcs8.getModulus()).isEqualTo(pub.getModulus());
        assertThat(pkcs1.getPrivateExponent()).isEqualTo(pkcs8.getPrivateExponent());
    }

    @Test
    void shouldRejectTextThatIsNotPemWithoutQuotingIt() {
        assertThatThrownBy(() -> PemKeys.privateKey("my-secret-value"))
                .isInstanceOf(PemKeys.KeyFormatException.class)
                .hasMessageNotContaining("my-secret-value");
    }

    @Test
    void shouldRejectAPublicKeyWhereAPrivateKeyIsNeeded() throws Exception {
        assertThatThrownBy(() -> PemKeys.privateKey(TestKeys.resource("test-key-public.pem")))
                .isInstanceOf(PemKeys.KeyFormatException.class)
                .hasMessageContaining("no private key");
    }

    @Test
    void shouldRejectAnEncryptedKeyWithAClearMessage() {
        String encrypted = """
                -----BEGIN ENCRYPTED PRIVATE KEY-----
                MIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIc2FsdHNhbHQCAggA
                MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBBpdml2aXZpdml2aXZpdml2BIIB
                YGFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh
                -----END ENCRYPTED PRIVATE KEY-----
                """;
        assertThatThrownBy(() -> PemKeys.privateKey(encrypted))
                .isInstanceOf(PemKeys.KeyFormatException.class);
    }
}
