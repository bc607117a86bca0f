package io.idvmedia.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A WireMock server standing in for Yoti, for fault injection: the application is pointed at it with a test key,
 * short timeouts and short backoffs, so that retries and timeouts are observable in seconds.
 */
public class WireMockYoti implements QuarkusTestResourceLifecycleManager {

    public static final String BASE_PATH = "/idverify/v1";
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of(
                "idv.yoti.base-url", server.baseUrl() + BASE_PATH,
                "idv.yoti.sdk-id", "test-sdk-id",
                "idv.yoti.private-key", "file:src/test/resources/keys/test-key-pkcs1.pem",
                "idv.http.read-timeout", "700ms",
                "idv.http.retry.initial-backoff", "50ms",
                "idv.http.retry.max-backoff", "200ms",
                "idv.http.retry.budget", "5s");
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
