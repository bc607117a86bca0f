package io.idvmedia.media;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.secrets.SecretsProvider;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Priming the S3 store's client before a snapshot runs its calls through the AWS SDK without reaching S3, whatever the
 * store's settings: no request leaves the process, no secret is read, no store is built.
 */
class S3PrimingTest {

    private final WireMockServer s3 = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        s3.start();
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldRunTheStoresCallsWithoutReachingS3(boolean endpointConfigured) {
        // GIVEN an S3 store, at an endpoint of its own (where any request would be recorded) or at AWS's
        MediaConfig config = mock(MediaConfig.class);
        MediaConfig.S3 settings = mock(MediaConfig.S3.class);
        when(config.store()).thenReturn(MediaConfig.StoreKind.S3);
        when(config.s3()).thenReturn(settings);
        when(settings.bucket()).thenReturn(Optional.of("staged-bucket"));
        when(settings.region()).thenReturn(Optional.of("eu-west-1"));
        when(settings.pathStyle()).thenReturn(endpointConfigured);
        when(settings.endpoint()).thenReturn(endpointConfigured ? Optional.of(URI.create(s3.baseUrl()))
                : Optional.empty());
        SecretsProvider secrets = mock(SecretsProvider.class);
        MediaStores stores = new MediaStores(config, mock(ArchiveConfig.class), secrets, new ObjectMapper());

        // WHEN the store's client is primed, as before a snapshot
        boolean primed = stores.prime();

        // THEN every call got the answer S3 would give it
        assertThat(primed).isTrue();
        // AND nothing reached the endpoint, and no secret was read
        assertThat(s3.getAllServeEvents()).isEmpty();
        verifyNoInteractions(secrets);
    }
}
