package io.idvmedia.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * WireMock standing in for S3, for what S3Proxy never does: answer as AWS answers a role that lacks a permission
 * (403 AccessDenied, also for a key that does not exist when the role may not list its prefix). Each test stubs the
 * answers it needs; the application's S3 store is pointed at it.
 */
public class WireMockS3 implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "idv-media-wiremock";
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        System.setProperty("aws.accessKeyId", S3ProxyResource.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyResource.SECRET_KEY);
        return Map.of(
                "idv.media.store", "s3",
                "idv.media.s3.bucket", BUCKET,
                "idv.media.s3.endpoint", server.baseUrl(),
                "idv.media.s3.region", "us-east-1",
                "idv.media.s3.path-style", "true",
                "idv.media.s3.server-side-encryption", "none");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(
                WireMockProvider.InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
