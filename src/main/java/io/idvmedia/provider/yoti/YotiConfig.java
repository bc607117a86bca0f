package io.idvmedia.provider.yoti;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** {@code idv.yoti.*}: the Yoti IDV API and our credentials for it. */
@ConfigMapping(prefix = "idv.yoti")
public interface YotiConfig {

    @WithDefault("https://api.yoti.com/idverify/v1")
    URI baseUrl();

    /** The Yoti SDK id: a literal or a secret reference. */
    Optional<String> sdkId();

    /** A secret reference to the PEM private key (PKCS#1 or PKCS#8). */
    Optional<String> privateKey();

    /**
     * The token Yoti's notifications carry in {@code Authorization} (the one set in each session's notification
     * config): literals or secret references, more than one during a rotation. Notifications are refused (401)
     * while it is unset.
     */
    Optional<List<String>> notificationToken();
}
