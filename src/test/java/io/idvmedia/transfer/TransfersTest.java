package io.idvmedia.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idvmedia.error.BusyException;
import java.time.Duration;
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
        Transfers transfers = new Transfers(2, Duration.ofSeconds(30));
        Transfer first = transfers.begin();
        transfers.begin();

        // THEN a third is refused
        assertThatThrownBy(transfers::begin).isInstanceOf(BusyException.class);

        // AND a transfer closed twice frees one slot, not two
        first.close();
        first.close();
        assertThat(transfers.active()).isEqualTo(1);
        transfers.begin();
        assertThat(transfers.active()).isEqualTo(2);
        assertThatThrownBy(transfers::begin).isInstanceOf(BusyException.class);
        transfers.stop();
    }
}
