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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A real SQS server for the tests: ElasticMQ (its dependencies copied by the build into target/elasticmq/lib) run as
 * its own process on a free loopback port, with a staging queue whose dead-letter queue takes a message after 5
 * receives, as in the Terraform. The application's jobs go to it; tests get an {@link SqsClient} and the queue URL.
 */
public class ElasticMqResource implements QuarkusTestResourceLifecycleManager {

    public static final String QUEUE = "idv-staging-test";
    public static final String DEAD_LETTERS = "idv-staging-test-dlq";

    private Process process;
    private SqsClient client;
    private String queueUrl;

    @Override
    public Map<String, String> start() {
        try {
            int port = ServerProcesses.freePort();
            Path dir = Files.createDirectories(Path.of("target", "elasticmq-runs", String.valueOf(port)));
            Path config = dir.resolve("elasticmq.conf");
            Files.write(config, List.of(
                    "include classpath(\"application.conf\")",
                    "node-address { protocol = http, host = \"127.0.0.1\", port = " + port + ", context-path = \"\" }",
                    "rest-sqs { enabled = true, bind-port = " + port + ", bind-hostname = \"127.0.0.1\","
                            + " sqs-limits = strict }",
                    "rest-stats { enabled = false }",
                    "queues {",
                    "  " + DEAD_LETTERS + " { }",
                    "  " + QUEUE + " { defaultVisibilityTimeout = 2 seconds, deadLettersQueue { name = \""
                            + DEAD_LETTERS + "\", maxReceiveCount = 5 } }",
                    "}"));
            Path lib = Path.of("target", "elasticmq", "lib");
            if (!Files.isDirectory(lib)) {
                throw new IllegalStateException(lib + " is missing: the build copies it in process-test-resources");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx256m", "-Dconfig.file=" + config.toAbsolutePath(), "-cp",
                    lib.toAbsolutePath() + "/*", "org.elasticmq.server.Main")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("elasticmq.log").toFile()).start();
            ServerProcesses.awaitPort(process, port, "ElasticMQ", "target/elasticmq-runs/" + port + "/elasticmq.log");
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            client = client(endpoint);
            queueUrl = queueUrl();
            // ElasticMQ takes any credentials; the application's SQS client reads them through the default chain.
            System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "test-access-key"));
            System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "test-secret-key"));
            return Map.of(
                    "idv.jobs.queue-url", queueUrl,
                    "idv.jobs.sqs.endpoint", endpoint.toString(),
                    "idv.jobs.sqs.region", "us-east-1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The staging queue's URL, once the server has made its queues (a moment after its port opens). */
    private String queueUrl() {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.getQueueUrl(b -> b.queueName(QUEUE)).queueUrl();
            } catch (SdkException e) {
                if (attempt >= 100) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-access-key",
                        "test-secret-key")))
                .build();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(client, new TestInjector.AnnotatedAndMatchesType(InjectSqs.class, SqsClient.class));
        injector.injectIntoFields(queueUrl, new TestInjector.AnnotatedAndMatchesType(InjectSqs.class, String.class));
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

    /** Marks the test fields that receive a client of the SQS server and the staging queue's URL. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectSqs {
    }
}
