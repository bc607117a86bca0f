package io.idvmedia.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idvmedia.access.Channel;
import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.operation.MediaRequest.Plan;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaRequestTest {

    @Test
    void shouldAnswerEachDeliveryOnEachChannelByOnePolicy() {
        Map<Delivery, Plan> server = new EnumMap<>(Map.of(Delivery.AUTO, Plan.STREAM, Delivery.STREAM, Plan.STREAM,
                Delivery.URL, Plan.URL, Delivery.REDIRECT, Plan.REDIRECT));
        Map<Delivery, Plan> gateway = new EnumMap<>(Map.of(Delivery.AUTO, Plan.INLINE_OR_REDIRECT,
                Delivery.STREAM, Plan.INLINE_OR_REDIRECT, Delivery.URL, Plan.URL, Delivery.REDIRECT, Plan.REDIRECT));
        Map<Delivery, Plan> direct = new EnumMap<>(Map.of(Delivery.AUTO, Plan.URL, Delivery.STREAM, Plan.INLINE_ONLY,
                Delivery.URL, Plan.URL, Delivery.REDIRECT, Plan.URL));
        for (Delivery delivery : Delivery.values()) {
            MediaRequest request = new MediaRequest(delivery, false, Duration.ofSeconds(60));
            assertThat(request.plan(Channel.HTTP)).as("server, " + delivery).isEqualTo(server.get(delivery));
            assertThat(request.plan(Channel.API_GATEWAY)).as("API Gateway, " + delivery)
                    .isEqualTo(gateway.get(delivery));
            assertThat(request.plan(Channel.DIRECT)).as("direct, " + delivery).isEqualTo(direct.get(delivery));
        }
    }

    @Test
    void shouldRefuseMalformedOptionsNamingThemWithoutEchoingThem() {
        assertThatThrownBy(() -> Delivery.parse("<script>"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("delivery must be one of auto, stream, url, redirect");
        // (the flag is checked before the settings are read, so none are needed here)
        assertThatThrownBy(() -> MediaRequest.parse(null, "yes", null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("download must be true or false");
    }
}
