package io.idvmedia.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code idv.webhooks.*}: how webhooks delivered more than once are recognised. */
@ConfigMapping(prefix = "idv.webhooks")
public interface WebhooksConfig {

    /**
     * A completion webhook whose raw body was already accepted within this window (providers retry and duplicate
     * deliveries, and a captured one can be replayed) is acknowledged and audited, and queues nothing. Recognised
     * across instances through claims in the media store.
     */
    @WithDefault("24h")
    Duration dedupeWindow();
}
