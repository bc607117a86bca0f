package io.idvmedia.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for the tests: S3Proxy (resolved by Maven into target/s3proxy) run as its own process on a
 * free loopback port, with SigV4 authentication and a filesystem store under target/, and a bucket made in it. The
 * application is pointed at it as its S3 media store; tests get an {@link S3Client} on it.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "idv-media-test";
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private Process process;
    private S3Client client;

    @Override
    public Map<String, String> start() {
        try {
            int port = ServerProcesses.freePort();
            Path dir = Files.createDirectories(Path.of("target", "s3proxy-runs", String.valueOf(port)));
            // An earlier run may have used the same port: its bucket must not be found again.
            Path data = dir.resolve("data");
            Directories.deleteTree(data);
            Files.createDirectories(data);
            Path config = dir.resolve("s3proxy.conf");
            Files.write(config, List.of(
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data.toAbsolutePath()));
            Path jar = Path.of("target", "s3proxy", "s3proxy.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: the build copies it in process-test-resources");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
            ServerProcesses.awaitPort(process, port, "S3Proxy", "target/s3proxy-runs/" + port + "/s3proxy.log");
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            client = client(endpoint);
            client.createBucket(b -> b.bucket(BUCKET));
            // The application's S3 clients use the AWS SDK's default credential chain, which reads these.
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
            return Map.of(
                    "idv.media.store", "s3",
                    "idv.media.s3.bucket", BUCKET,
                    "idv.media.s3.endpoint", endpoint.toString(),
                    "idv.media.s3.region", "us-east-1",
                    "idv.media.s3.path-style", "true",
                    "idv.media.s3.part-size", String.valueOf(5 * 1024 * 1024),
                    // S3Proxy answers 501 to server-side encryption headers; S3MediaStoreEncryptionTest checks them.
                    "idv.media.s3.server-side-encryption", "none");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static S3Client client(URI endpoint) {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .build();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(client, new TestInjector.AnnotatedAndMatchesType(InjectS3.class, S3Client.class));
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (process != null) {
            process.destroy();
        }
    }

    /** Marks the test field that receives a client of the S3 server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectS3 {
    }
}
