package io.idvmedia.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.secrets.SecretsConfig;
import io.idvmedia.secrets.SecretsProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JWK Set receipts verify with, across a rotation of the receipt key: the current key's public half first, then
 * the retired keys' ({@code idv.receipts.retired-keys}), so that a receipt signed before the rotation still verifies;
 * never a private part.
 */
class ReceiptKeysTest {

    @TempDir
    Path dir;

    @Test
    void shouldPublishTheRetiredKeysBesideTheCurrentOneAndNeverAPrivatePart() throws Exception {
        // GIVEN a receipt key rotated once: the new key signs, the old one's public half is kept
        ECKey retired = new ECKeyGenerator(Curve.P_256).keyID("receipts-2025").generate();
        ECKey current = new ECKeyGenerator(Curve.P_256).keyID("receipts-2026").generate();
        Path key = Files.writeString(dir.resolve("key.json"), current.toJSONString());
        String retiredSet = new JWKSet(retired.toPublicJWK()).toString();

        // WHEN the keys are published
        ReceiptSigner signer = signer(Optional.of("file:" + key), Optional.of(retiredSet));
        JWKSet published = JWKSet.parse(signer.jwks());

        // THEN both public halves are in the set, the current one first, and no private part
        assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly("receipts-2026", "receipts-2025");
        assertThat(published.getKeys()).noneMatch(JWK::isPrivate);
        // AND a receipt signed now names the current key
        String receipt = signer.sign("{\"receiptId\":\"r-1\"}".getBytes()).jws().orElseThrow();
        assertThat(JWSObject.parse(receipt).getHeader().getKeyID()).isEqualTo("receipts-2026");

        // AND without a current key, the retired ones are still published
        assertThat(JWKSet.parse(signer(Optional.empty(), Optional.of(retiredSet)).jwks()).getKeys())
                .extracting(JWK::getKeyID).containsExactly("receipts-2025");
    }

    @Test
    void shouldRefuseRetiredKeysWithPrivatePartsOrWithoutKids() throws Exception {
        ECKey retired = new ECKeyGenerator(Curve.P_256).keyID("receipts-2025").generate();
        for (String set : new String[] {new JWKSet(retired).toString(false),
            new JWKSet(new ECKey.Builder(retired.toPublicJWK()).keyID(null).build()).toString(), "not json"}) {
            assertThatThrownBy(() -> signer(Optional.empty(), Optional.of(set)).jwks())
                    .isInstanceOfSatisfying(IdvException.class, e -> {
                        assertThat(e.type()).isEqualTo(ProblemType.ACCESS_NOT_CONFIGURED);
                        assertThat(e.getMessage()).contains("idv.receipts.retired-keys").doesNotContain(set);
                    });
        }
    }

    private static ReceiptSigner signer(Optional<String> signingKey, Optional<String> retiredKeys) {
        ReceiptsConfig config = new ReceiptsConfig() {
            @Override
            public Optional<String> signingKey() {
                return signingKey;
            }

            @Override
            public Optional<String> retiredKeys() {
                return retiredKeys;
            }

            @Override
            public Optional<Duration> lockRetention() {
                return Optional.empty();
            }

            @Override
            public String lockMode() {
                return "COMPLIANCE";
            }
        };
        return new ReceiptSigner(config, new SecretsProvider(new SecretsConfig() {
            @Override
            public Duration maxAge() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Aws aws() {
                return null;
            }
        }, new ObjectMapper()));
    }
}
