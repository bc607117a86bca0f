package io.idvmedia.api;

import io.idvmedia.error.ProblemType;
import io.idvmedia.media.MediaConfig;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses requests whose {@code Host} names no host this server answers for ({@code idv.media.local.public-url}'s
 * host and port, and {@code idv.media.local.allowed-hosts} by name), before any route runs: a DNS name rebound to this
 * server cannot reach it, nor make it sign URLs that point elsewhere (another port of the public host included).
 * Health and OpenAPI ({@code /q/}) stay reachable by any name, for load balancers that probe by address.
 */
@ApplicationScoped
public class HostCheck {

    /** Hosts accepted on any port. */
    private final Set<String> allowed = new TreeSet<>();
    /** The public URL's host and port, as {@code host:port}. */
    private final Set<String> allowedWithPort = new TreeSet<>();

    @Inject
    public HostCheck(MediaConfig config) {
        config.local().publicUrl().ifPresent(url -> allowedWithPort.add(normalized(url.getHost()) + ":"
                + (url.getPort() >= 0 ? url.getPort() : defaultPort(url.getScheme()))));
        config.local().allowedHosts().ifPresent(hosts -> hosts.forEach(host -> allowed.add(normalized(host))));
    }

    void install(@Observes Router router) {
        if (!allowed.isEmpty() || !allowedWithPort.isEmpty()) {
            router.route().order(-999).handler(this::check);
        }
    }

    private void check(RoutingContext rc) {
        HostAndPort authority = rc.request().authority();
        if (rc.normalizedPath().startsWith("/q/") || authority != null && accepts(authority, rc.request().scheme())) {
            rc.next();
            return;
        }
        ProblemType type = ProblemType.INVALID_REQUEST;
        RequestLog.endWithProblem(rc, type.uri(), type.title(), type.status(),
                "The Host header names no host this server answers for");
    }

    private boolean accepts(HostAndPort authority, String scheme) {
        String host = normalized(authority.host());
        int port = authority.port() >= 0 ? authority.port() : defaultPort(scheme);
        return allowed.contains(host) || allowedWithPort.contains(host + ":" + port);
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static String normalized(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
