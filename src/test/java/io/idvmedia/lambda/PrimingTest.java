package io.idvmedia.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.access.AccessConfig;
import io.idvmedia.access.AccessGate;
import io.idvmedia.access.AuditLog;
import io.idvmedia.access.GrantKeys;
import io.idvmedia.access.GrantVerifier;
import io.idvmedia.lifecycle.DeletionReport;
import io.idvmedia.lifecycle.ErasureReceipt;
import io.idvmedia.media.MediaStores;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.secrets.SecretChecks;
import io.idvmedia.telemetry.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SnapStart priming runs through grant verification and the Lambda answers without reaching anything that holds
 * a secret or a person's data: the access gate (grant keys), the audit log, the metrics and the providers are never
 * touched.
 */
class PrimingTest {

    @Test
    void shouldPrimeWithoutTouchingKeysAuditOrProviders() {
        // GIVEN the adapter's collaborators that read keys, write audit lines or call providers
        AccessGate gate = mock(AccessGate.class);
        AuditLog audit = mock(AuditLog.class);
        ProviderRegistry providers = mock(ProviderRegistry.class);
        Metrics metrics = mock(Metrics.class);
        // AND a provider, which is asked to warm its own signature algorithms and nothing else
        IdvProvider provider = mock(IdvProvider.class);
        when(provider.prime()).thenReturn(true);
        ProviderRegistry registry = mock(ProviderRegistry.class);
        when(registry.all()).thenReturn(List.of(provider));
        GrantVerifier grants = mock(GrantVerifier.class);
        when(grants.prime()).thenReturn(true);
        // AND the media stores, asked to prime the store's client (which reaches no store: S3PrimingTest)
        MediaStores stores = mock(MediaStores.class);
        when(stores.prime()).thenReturn(true);
        // AND the secret checks, which the priming must leave alone: a snapshot holds no secret
        SecretChecks secrets = mock(SecretChecks.class);
        Priming priming = new Priming(new LambdaAdapter(new ObjectMapper(), gate, audit, providers, metrics),
                grants, registry, stores, secrets, mock(LambdaConfig.class), new ObjectMapper(), Optional.empty());

        // WHEN the function is primed, as before a snapshot
        boolean primed = priming.prime();

        // THEN every step ran, and none of them was reached
        assertThat(primed).isTrue();
        verifyNoInteractions(gate, audit, providers, metrics, secrets);
        verify(provider).prime();
        verifyNoMoreInteractions(provider);
        verify(stores).prime();
        verifyNoMoreInteractions(stores);
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete-session", "delete-media", "purge-expired", "get-session", "get-media"})
    void shouldWriteTheRecordsOfADeletionWhereTheFunctionWritesReceiptsOnly(String handler) throws Exception {
        // GIVEN the function's mapper, watched
        ObjectMapper json = spy(new ObjectMapper());
        GrantVerifier grants = mock(GrantVerifier.class);
        when(grants.prime()).thenReturn(true);
        MediaStores stores = mock(MediaStores.class);
        when(stores.prime()).thenReturn(true);
        ProviderRegistry registry = mock(ProviderRegistry.class);
        LambdaAdapter adapter = mock(LambdaAdapter.class);
        when(adapter.prime()).thenReturn(401);
        Priming priming = new Priming(adapter, grants, registry, stores, mock(SecretChecks.class),
                mock(LambdaConfig.class), json, Optional.of(handler));

        // WHEN it is primed
        assertThat(priming.prime()).isTrue();

        // THEN a function that writes receipts wrote a receipt's payload with it, and no other function used it
        if (Set.of("delete-session", "delete-media", "purge-expired").contains(handler)) {
            verify(json).writeValueAsBytes(any(ErasureReceipt.class));
            verify(json).writeValueAsString(any(DeletionReport.class));
        } else {
            verifyNoInteractions(json);
        }
    }

    @Test
    void shouldStartReadingTheSecretsOnceRestoredAndNothingElse() {
        SecretChecks secrets = mock(SecretChecks.class);
        MediaStores stores = mock(MediaStores.class);
        GrantVerifier grants = mock(GrantVerifier.class);
        ProviderRegistry registry = mock(ProviderRegistry.class);
        Priming priming = new Priming(mock(LambdaAdapter.class), grants, registry, stores, secrets,
                mock(LambdaConfig.class), new ObjectMapper(), Optional.empty());

        priming.afterRestore(null);

        verify(secrets).readAheadAfterRestore();
        verifyNoMoreInteractions(secrets);
        verifyNoInteractions(stores, grants, registry);
    }

    @Test
    void shouldWarmUpBesideTheStartOnLambdaOnlyAndNeverForASnapshot() {
        assertThat(Priming.warmsUpAtStart("idv-media-get-session", "on-demand")).isTrue();
        assertThat(Priming.warmsUpAtStart("idv-media-get-session", null)).isTrue();
        assertThat(Priming.warmsUpAtStart("idv-media-get-session", "snap-start")).as("primed before the snapshot")
                .isFalse();
        assertThat(Priming.warmsUpAtStart(null, null)).as("the local server").isFalse();
        assertThat(Priming.warmsUpAtStart(" ", "on-demand")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(AccessConfig.Signatures.class)
    void shouldVerifyTheFixedVectorThroughEitherSignatureProvider(AccessConfig.Signatures signatures) {
        AccessConfig config = mock(AccessConfig.class);
        when(config.signatures()).thenReturn(signatures);
        when(config.verifiedCacheTtl()).thenReturn(Duration.ofSeconds(60));
        GrantKeys keys = mock(GrantKeys.class);

        assertThat(new GrantVerifier(config, keys).prime()).isTrue();
        verifyNoInteractions(keys);
    }
}
