package io.idvmedia.signing;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads RSA keys from PEM text: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what Yoti issues) and PKCS#8
 * ({@code BEGIN PRIVATE KEY}) private keys, and X.509 public keys or certificates. Error messages never quote
 * the PEM.
 */
public final class PemKeys {

    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private PemKeys() {
    }

    public static PrivateKey privateKey(String pem) {
        Object parsed = parse(pem);
        try {
            if (parsed instanceof PEMKeyPair pair) {
                return CONVERTER.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return CONVERTER.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new KeyFormatException("The PEM private key could not be converted", e);
        }
        if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new KeyFormatException("The PEM private key is encrypted; supply it unencrypted", null);
        }
        throw new KeyFormatException("The PEM text holds no private key (found " + describe(parsed) + ")", null);
    }

    public static PublicKey publicKey(String pem) {
        Object parsed = parse(pem);
        try {
            if (parsed instanceof SubjectPublicKeyInfo info) {
                return CONVERTER.getPublicKey(info);
            }
            if (parsed instanceof X509CertificateHolder cert) {
                return CONVERTER.getPublicKey(cert.getSubjectPublicKeyInfo());
            }
            if (parsed instanceof PEMKeyPair pair) {
                return CONVERTER.getPublicKey(pair.getPublicKeyInfo());
            }
        } catch (IOException e) {
            throw new KeyFormatException("The PEM public key could not be converted", e);
        }
        throw new KeyFormatException("The PEM text holds no public key (found " + describe(parsed) + ")", null);
    }

    private static Object parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new KeyFormatException("The PEM text is empty", null);
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem.strip()))) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new KeyFormatException("The text is not PEM (no BEGIN/END block found)", null);
            }
            return parsed;
        } catch (IOException e) {
            // The parser's message may quote the malformed input, so it is not passed on.
            throw new KeyFormatException("The PEM text is malformed", null);
        }
    }

    private static String describe(Object parsed) {
        return parsed == null ? "nothing" : parsed.getClass().getSimpleName();
    }

    /** The PEM text was not a usable key. */
    public static final class KeyFormatException extends IllegalArgumentException {
        KeyFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
