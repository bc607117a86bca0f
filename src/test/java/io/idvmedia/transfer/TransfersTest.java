package io.idvmedia.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idvmedia.error.BusyException;
import io.idvmedia.error.CallerBusyException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransfersTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void shouldAllowOneTransferPerMiBOfDirectMemoryUpTo64AndAtLeast4() {
        assertThat(Transfers.defaultLimit(32 * MIB)).isEqualTo(32);
        assertThat(Transfers.defaultLimit(1024 * MIB)).isEqualTo(64);
        assertThat(Transfers.defaultLimit(2 * MIB)).isEqualTo(4);
    }

    @Test
    void shouldReadTheJvmsDirectMemoryLimit() {
        // The test JVM runs without -XX:MaxDirectMemorySize: the limit is the heap's maximum.
        assertThat(Transfers.maxDirectMemory()).isEqualTo(Runtime.getRuntime().maxMemory());
    }

    @Test
    void shouldRefuseOneTransferMoreThanTheLimitAndFreeASlotOnceOnly() {
        // GIVEN room for two transfers, both taken
        Transfers transfers = new Transfers(2, Optional.empty(), Duration.ofSeconds(30), 0);
        Transfer first = transfers.begin("a");
        transfers.begin("b");

        // THEN a third is refused
        assertThatThrownBy(() -> transfers.begin("c")).isInstanceOf(BusyException.class);

        // AND a transfer closed twice frees one slot, not two
        first.close();
        first.close();
        assertThat(transfers.active()).isEqualTo(1);
        transfers.begin("c");
        assertThat(transfers.active()).isEqualTo(2);
        assertThatThrownBy(() -> transfers.begin("d")).isInstanceOf(BusyException.class);
        transfers.stop();
    }

    @Test
    void shouldKeepEachCallerToAQuarterOfTheTransfersByDefault() {
        // GIVEN room for 8 transfers: a caller's share is 2
        Transfers transfers = new Transfers(8, Optional.empty(), Duration.ofSeconds(30), 0);
        assertThat(transfers.perCaller()).isEqualTo(2);
        Transfer first = transfers.begin("sub:a");
        transfers.begin("sub:a");

        // THEN the caller's third is refused with 429, and takes no slot
        assertThatThrownBy(() -> transfers.begin("sub:a")).isInstanceOf(CallerBusyException.class)
                .satisfies(e -> assertThat(((CallerBusyException) e).type().status()).isEqualTo(429))
                .satisfies(e -> assertThat(((CallerBusyException) e).retryAfter()).isPresent());
        assertThat(transfers.active()).isEqualTo(2);

        // AND other callers and the instance's own work still get slots
        transfers.begin("sub:b");
        transfers.begin("ip:10.0.0.1");
        transfers.begin(Transfers.INTERNAL);
        transfers.begin(Transfers.INTERNAL);
        transfers.begin(Transfers.INTERNAL);
        assertThat(transfers.callers()).isEqualTo(3);

        // AND a transfer of the caller that ends gives its share back
        first.close();
        transfers.begin("sub:a");
        transfers.stop();
    }

    @Test
    void shouldGiveTheShareBackWhenTheInstanceIsFull() {
        Transfers transfers = new Transfers(2, Optional.of(2), Duration.ofSeconds(30), 0);
        transfers.begin("sub:a");
        transfers.begin("sub:b");

        // A refusal for the instance's limit leaves the caller's share as it was
        assertThatThrownBy(() -> transfers.begin("sub:c")).isInstanceOf(BusyException.class);
        assertThat(transfers.callers()).isEqualTo(2);
        transfers.stop();
    }

    @Test
    void shouldRefuseSettingsThatCouldNotWork() {
        assertThatThrownBy(() -> new Transfers(4, Optional.of(0), Duration.ofSeconds(30), 0))
                .hasMessageContaining("idv.media.max-transfers-per-caller");
        assertThatThrownBy(() -> new Transfers(4, Optional.empty(), Duration.ofSeconds(30), -1))
                .hasMessageContaining("idv.http.min-rate");
        // A share larger than the instance is the instance
        assertThat(new Transfers(4, Optional.of(10), Duration.ofSeconds(30), 0).perCaller()).isEqualTo(4);
    }
}
