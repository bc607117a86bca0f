package io.idvmedia.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProviderHttpClientTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldReadRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(ProviderHttpClient.parseRetryAfter("7", CLOCK)).contains(Duration.ofSeconds(7));
        assertThat(ProviderHttpClient.parseRetryAfter("Sat, 21 Nov 2026 12:00:30 GMT", CLOCK))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void shouldIgnoreAMalformedOrNegativeRetryAfterAndClampAPastDate() {
        assertThat(ProviderHttpClient.parseRetryAfter("soon", CLOCK)).isEmpty();
        assertThat(ProviderHttpClient.parseRetryAfter("-3", CLOCK)).isEmpty();
        assertThat(ProviderHttpClient.parseRetryAfter("Sat, 21 Nov 2026 11:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    }
}
