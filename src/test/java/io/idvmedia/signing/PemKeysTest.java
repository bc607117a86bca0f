package io.idvmedia.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idvmedia.testing.TestKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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

    @Test
    void shouldReadThePublicKeyInEachFormItComesIn() throws Exception {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) TestKeys.key("test-key-pkcs1.pem");
        String pkcs1Public = pem("RSA PUBLIC KEY",
                new org.bouncycastle.asn1.pkcs.RSAPublicKey(key.getModulus(), key.getPublicExponent()).getEncoded());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(new X500Name("CN=test"), BigInteger.ONE,
                new Date(), new Date(System.currentTimeMillis() + 60_000), new X500Name("CN=test"), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));

        assertThat(((RSAPublicKey) PemKeys.publicKey(pkcs1Public)).getModulus()).isEqualTo(key.getModulus());
        assertThat(((RSAPublicKey) PemKeys.publicKey(TestKeys.resource("test-key-pkcs1.pem"))).getModulus())
                .as("the public half of a PKCS#1 key pair").isEqualTo(key.getModulus());
        assertThat(PemKeys.publicKey(pem("CERTIFICATE", certificate.getEncoded()))).isEqualTo(pair.getPublic());
    }

    @Test
    void shouldRejectAPkcs1KeyEncryptedTheOpenSslWay() throws Exception {
        String begin = "-----BEGIN RSA PRIVATE KEY-----\n";
        String encrypted = TestKeys.resource("test-key-pkcs1.pem").replace(begin, begin
                + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n");

        assertThatThrownBy(() -> PemKeys.privateKey(encrypted)).isInstanceOf(PemKeys.KeyFormatException.class)
                .hasMessageContaining("encrypted");
        assertThatThrownBy(() -> PemKeys.publicKey(encrypted)).isInstanceOf(PemKeys.KeyFormatException.class)
                .hasMessageContaining("no public key");
    }

    @Test
    void shouldNameWhatItFoundOnlyByAKnownLabelAndNeverQuoteThePem() {
        String odd = pem("MY SECRET LABEL", new byte[] {1, 2, 3});
        String notBase64 = "-----BEGIN RSA PRIVATE KEY-----\nmy-secret-value!!\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> PemKeys.privateKey(odd)).isInstanceOf(PemKeys.KeyFormatException.class)
                .hasMessageContaining("another kind").hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> PemKeys.privateKey(notBase64)).isInstanceOf(PemKeys.KeyFormatException.class)
                .hasMessageNotContaining("my-secret-value");
        assertThatThrownBy(() -> PemKeys.privateKey(pem("RSA PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})))
                .isInstanceOf(PemKeys.KeyFormatException.class).hasMessageContaining("could not be converted");
    }

    @Test
    void shouldRejectAPkcs8KeyThatIsNotRsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        String ec = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());

        assertThatThrownBy(() -> PemKeys.privateKey(ec)).isInstanceOf(PemKeys.KeyFormatException.class)
                .hasMessageContaining("could not be converted");
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
