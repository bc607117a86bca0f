package io.idvmedia.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code idv.exports.*}: how staged exports are kept. */
@ConfigMapping(prefix = "idv.exports")
public interface ExportConfig {

    /**
     * How long a staged export is served before the session is exported again; it is a copy of the session, so a
     * delete of the session or of any of its media removes it sooner, and the bucket's expiry of staged copies
     * removes the object itself.
     */
    @WithDefault("24h")
    Duration maxAge();
}
