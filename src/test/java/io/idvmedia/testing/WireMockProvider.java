package io.idvmedia.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * A WireMock server standing in for a provider, for fault injection: the application is pointed at it with test
 * credentials, short timeouts and short backoffs, so that retries and timeouts are observable in seconds.
 */
public abstract class WireMockProvider implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    /** The settings that point the provider at the server. */
    protected abstract Map<String, String> providerConfig(String serverUrl);

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        Map<String, String> config = new HashMap<>(providerConfig(server.baseUrl()));
        config.put("idv.http.read-timeout", "700ms");
        config.put("idv.http.retry.initial-backoff", "50ms");
        config.put("idv.http.retry.max-backoff", "200ms");
        config.put("idv.http.retry.budget", "5s");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Marks the test field that receives the server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWireMock {
    }
}
