package io.idvmedia.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import org.junit.jupiter.api.Test;

/** The priming of a deletion's records leaves the mapper with their serializers built, and says when it could not. */
class ReceiptPrimingTest {

    @Test
    void shouldLeaveTheMapperWithEachRecordsSerializerBuilt() {
        ObjectMapper json = new ObjectMapper();
        int before = cached(json);

        assertThat(ReceiptPriming.run(json)).isTrue();

        // the five records, and those they hold (a removed copy, a hold's state)
        assertThat(cached(json)).isGreaterThanOrEqualTo(before + 5);
    }

    private static int cached(ObjectMapper json) {
        return ((DefaultSerializerProvider) json.getSerializerProvider()).cachedSerializersCount();
    }

    @Test
    void shouldSayWhenARecordCouldNotBeWritten() throws Exception {
        ObjectMapper json = mock(ObjectMapper.class);
        when(json.writeValueAsBytes(any())).thenThrow(new JsonProcessingException("refused") { });

        assertThat(ReceiptPriming.run(json)).isFalse();
    }

    @Test
    void shouldNeverThrowWhateverTheMapperDoes() throws Exception {
        ObjectMapper json = mock(ObjectMapper.class);
        when(json.writeValueAsBytes(any())).thenThrow(new IllegalStateException("broken"));

        assertThat(ReceiptPriming.run(json)).isFalse();
    }
}
