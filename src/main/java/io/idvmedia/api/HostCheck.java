package io.idvmedia.api;

import io.idvmedia.error.ProblemType;
import io.idvmedia.media.MediaConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses requests whose {@code Host} names no host this server answers for ({@code idv.media.local.public-url}'s
 * and {@code idv.media.local.allowed-hosts}), before any route runs: a DNS name rebound to this server cannot reach
 * it, nor make it sign URLs that point elsewhere. Health and OpenAPI ({@code /q/}) stay reachable by any name, for
 * load balancers that probe by address.
 */
@ApplicationScoped
public class HostCheck {

    private final Set<String> allowed = new TreeSet<>();

    @Inject
    public HostCheck(MediaConfig config) {
        config.local().publicUrl().map(URI::getHost).ifPresent(host -> allowed.add(normalized(host)));
        config.local().allowedHosts().ifPresent(hosts -> hosts.forEach(host -> allowed.add(normalized(host))));
    }

    void install(@Observes Router router) {
        if (!allowed.isEmpty()) {
            router.route().order(-999).handler(this::check);
        }
    }

    private void check(RoutingContext rc) {
        String host = rc.request().authority() == null ? null : rc.request().authority().host();
        if (rc.normalizedPath().startsWith("/q/") || host != null && allowed.contains(normalized(host))) {
            rc.next();
            return;
        }
        ProblemType type = ProblemType.INVALID_REQUEST;
        RequestLog.endWithProblem(rc, type.uri(), type.title(), type.status(),
                "The Host header names no host this server answers for");
    }

    private static String normalized(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
