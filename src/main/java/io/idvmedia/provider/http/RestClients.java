package io.idvmedia.provider.http;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The providers' REST clients (Quarkus REST Client, one declarative interface per provider), built on first use for
 * each API base and kept: the timeouts come from {@code idv.http.*}, redirects are not followed, and an error status
 * is an answer to read (the default exception mapper is off), never an exception.
 */
@ApplicationScoped
public class RestClients {

    private final HttpConfig config;
    private final Map<Key, Object> clients = new ConcurrentHashMap<>();

    @Inject
    public RestClients(HttpConfig config) {
        this.config = config;
    }

    /** The client of {@code api} at {@code base}, every request of which is signed by the signing of that moment. */
    public <A> A client(Class<A> api, URI base, Supplier<RequestSigning> signing) {
        return api.cast(clients.computeIfAbsent(new Key(api, base), key -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(Math.max(1, config.connectTimeout().toMillis()), TimeUnit.MILLISECONDS)
                .readTimeout(Math.max(1, config.readTimeout().toMillis()), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .register(new SigningFilter(signing))
                .build(api)));
    }

    private record Key(Class<?> api, URI base) {
    }
}
