package io.idvmedia.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads RSA keys from PEM text: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what Yoti issues) and PKCS#8
 * ({@code BEGIN PRIVATE KEY}) private keys, and X.509 ({@code BEGIN PUBLIC KEY}) or PKCS#1 ({@code BEGIN RSA PUBLIC
 * KEY}) public keys or certificates. Error messages never quote the PEM.
 *
 * <p>The PEM block is read by Bouncy Castle's {@link PemReader} and PKCS#1's structures by its ASN.1 classes; the
 * keys are made by the JDK's RSA key factory. Bouncy Castle's {@code PEMParser}, which knows every kind of PEM object,
 * and its JCA converter loaded about a hundred classes more for the same keys (13 to 19 ms of a function's start at
 * C1).
 */
public final class PemKeys {

    private static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
    private static final String PUBLIC_KEY = "PUBLIC KEY";
    private static final String RSA_PUBLIC_KEY = "RSA PUBLIC KEY";
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final Set<String> KNOWN = Set.of(RSA_PRIVATE_KEY, PRIVATE_KEY, ENCRYPTED_PRIVATE_KEY, PUBLIC_KEY,
            RSA_PUBLIC_KEY, CERTIFICATE, "EC PRIVATE KEY", "CERTIFICATE REQUEST", "X509 CRL");

    private PemKeys() {
    }

    public static PrivateKey privateKey(String pem) {
        PemObject object = read(pem);
        String type = object.getType();
        if (type.equals(ENCRYPTED_PRIVATE_KEY) || type.equals(RSA_PRIVATE_KEY) && encrypted(object)) {
            throw new KeyFormatException("The PEM private key is encrypted; supply it unencrypted", null);
        }
        if (!type.equals(RSA_PRIVATE_KEY) && !type.equals(PRIVATE_KEY)) {
            throw new KeyFormatException("The PEM text holds no private key (found " + describe(object) + ")", null);
        }
        try {
            if (type.equals(PRIVATE_KEY)) {
                return rsa().generatePrivate(new PKCS8EncodedKeySpec(object.getContent()));
            }
            RSAPrivateKey rsa = RSAPrivateKey.getInstance(object.getContent());
            return rsa().generatePrivate(new RSAPrivateCrtKeySpec(rsa.getModulus(), rsa.getPublicExponent(),
                    rsa.getPrivateExponent(), rsa.getPrime1(), rsa.getPrime2(), rsa.getExponent1(), rsa.getExponent2(),
                    rsa.getCoefficient()));
        } catch (GeneralSecurityException | RuntimeException e) {
            // Malformed DER: Bouncy Castle's ASN.1 classes throw one of several unchecked exceptions.
            throw new KeyFormatException("The PEM private key could not be converted", e);
        }
    }

    public static PublicKey publicKey(String pem) {
        PemObject object = read(pem);
        String type = object.getType();
        boolean pair = type.equals(RSA_PRIVATE_KEY) && !encrypted(object);
        if (!pair && !type.equals(PUBLIC_KEY) && !type.equals(RSA_PUBLIC_KEY) && !type.equals(CERTIFICATE)) {
            throw new KeyFormatException("The PEM text holds no public key (found " + describe(object) + ")", null);
        }
        try {
            if (type.equals(PUBLIC_KEY)) {
                return rsa().generatePublic(new X509EncodedKeySpec(object.getContent()));
            }
            if (type.equals(CERTIFICATE)) {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(object.getContent())).getPublicKey();
            }
            if (pair) {
                RSAPrivateKey rsa = RSAPrivateKey.getInstance(object.getContent());
                return rsa().generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            RSAPublicKey rsa = RSAPublicKey.getInstance(object.getContent());
            return rsa().generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException | RuntimeException e) {
            // Malformed DER: Bouncy Castle's ASN.1 classes throw one of several unchecked exceptions.
            throw new KeyFormatException("The PEM public key could not be converted", e);
        }
    }

    private static PemObject read(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new KeyFormatException("The PEM text is empty", null);
        }
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem.strip()))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            // The reader's message may quote the malformed input, so it is not passed on.
            throw new KeyFormatException("The PEM text is malformed", null);
        }
        if (object == null) {
            throw new KeyFormatException("The text is not PEM (no BEGIN/END block found)", null);
        }
        return object;
    }

    /** A PKCS#1 key encrypted the OpenSSL way: {@code Proc-Type: 4,ENCRYPTED} among its headers. */
    private static boolean encrypted(PemObject object) {
        for (Object header : object.getHeaders()) {
            if (header instanceof PemHeader pemHeader && "Proc-Type".equalsIgnoreCase(pemHeader.getName())
                    && pemHeader.getValue() != null && pemHeader.getValue().contains("ENCRYPTED")) {
                return true;
            }
        }
        return false;
    }

    private static KeyFactory rsa() throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA");
    }

    /** The kind of PEM object found: its label where it is one of the known ones, never text of the PEM's own. */
    private static String describe(PemObject object) {
        return KNOWN.contains(object.getType()) ? object.getType() : "a PEM object of another kind";
    }

    /** The PEM text was not a usable key. */
    public static final class KeyFormatException extends IllegalArgumentException {
        KeyFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
