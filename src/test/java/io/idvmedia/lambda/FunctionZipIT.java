package io.idvmedia.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.idvmedia.testing.AccessKeys;
import io.idvmedia.testing.Grants;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged target/function.zip, run the way the managed Java runtime runs it: unpacked as the task root (its
 * classes and lib/*.jar on the class path), started by the AWS Lambda runtime interface client with the Quarkus
 * stream handler, polling a Runtime API that this test serves on loopback. Each function gets an API Gateway
 * event and a direct event against a provider played by WireMock; the time from process start to the first
 * answered event is printed as the function's cold start on this machine.
 */
class FunctionZipIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "11111111-1111-4111-8111-111111111111";
    private static final String MEDIA = "a1000000-0000-4000-8000-000000000001";
    private static final String NOTIFICATION_TOKEN = "packaged-notification-token";
    private static final byte[] IMAGE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};
    private static Path taskRoot;
    private static WireMockServer provider;

    @BeforeAll
    static void unpackAndStartProvider() throws IOException {
        Path zip = Path.of("target", "function.zip");
        assertThat(zip).exists();
        taskRoot = Files.createDirectories(Path.of("target", "function-task"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = taskRoot.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        provider.stubFor(any(urlPathMatching("/idverify/v1/sessions/[^/]+")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"session_id\":\"" + SESSION + "\",\"state\":\"COMPLETED\",\"checks\":[],"
                        + "\"resources\":{\"id_documents\":[{\"pages\":[{\"media\":{\"id\":\"" + MEDIA
                        + "\",\"type\":\"IMAGE\"}}]}]}}")));
        provider.stubFor(any(urlPathMatching("/idverify/v1/sessions/[^/]+/media/[^/]+/content"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(IMAGE)));
    }

    @AfterAll
    static void stopProvider() {
        provider.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"get-session", "list-media", "get-media", "delete-session", "delete-media"})
    void shouldAnswerBothEventShapesFromThePackagedFunction(String handler) throws Exception {
        try (RuntimeApi api = new RuntimeApi()) {
            String route = handler.endsWith("media") && !handler.equals("list-media")
                    ? "/v1/{provider}/sessions/{sessionId}/media/{mediaId}"
                    : handler.equals("list-media") ? "/v1/{provider}/sessions/{sessionId}/media"
                    : "/v1/{provider}/sessions/{sessionId}";
            String method = handler.startsWith("delete") ? "DELETE" : "GET";
            api.queue(apiGatewayEvent(method, route));
            api.queue("{\"provider\":\"yoti\",\"sessionId\":\"" + SESSION + "\",\"mediaId\":\"" + MEDIA
                    + "\",\"delivery\":\"stream\"}");

            long started = System.nanoTime();
            Process function = start(handler, api.port());
            try {
                JsonNode first = api.response(60);
                long coldStartMs = (System.nanoTime() - started) / 1_000_000;
                JsonNode second = api.response(30);
                System.out.printf(Locale.ROOT, "cold start of %s (process start to first answered event): %d ms%n",
                        handler, coldStartMs);

                assertThat(first.get("statusCode").asInt()).as(first.toString()).isBetween(200, 299);
                assertThat(first.at("/headers/X-Request-Id").asText()).isNotEmpty();
                assertThat(second.has("error")).as(second.toString()).isFalse();
                if (handler.equals("get-media")) {
                    assertThat(first.get("isBase64Encoded").asBoolean()).isTrue();
                    assertThat(Base64.getDecoder().decode(first.get("body").asText())).isEqualTo(IMAGE);
                    assertThat(Base64.getDecoder().decode(second.get("base64").asText())).isEqualTo(IMAGE);
                }
                if (handler.equals("get-session")) {
                    assertThat(second.get("session_id").asText()).isEqualTo(SESSION);
                }
            } finally {
                function.destroy();
                function.waitFor(10, TimeUnit.SECONDS);
            }
            // Each answered event left its metrics in the log, as CloudWatch embedded-metric-format lines.
            List<JsonNode> metrics = metricLines(handler);
            assertThat(metrics).filteredOn(m -> m.path("Requests").asInt() == 1
                    && m.path("Operation").asText().equals(handler)
                    && m.at("/_aws/CloudWatchMetrics/0/Namespace").asText().equals("idv-media"))
                    .as("request metrics of " + handler).hasSize(2);
            assertThat(metrics).filteredOn(m -> m.path("Provider").asText().equals("yoti")
                    && m.has("ProviderLatency")).as("provider metrics of " + handler).isNotEmpty();
        }
    }

    /** The embedded-metric-format lines a packaged function wrote: bare JSON objects with an {@code _aws} member. */
    private static List<JsonNode> metricLines(String handler) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("target", "function-" + handler + ".log"))) {
            if (line.startsWith("{\"_aws\":")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @ParameterizedTest
    @ValueSource(strings = {"function.zip", "idv-media-functions-0.1.0-SNAPSHOT-runner.jar"})
    void shouldHoldEachEntryOnceAndNothingOfTheSandbox(String archive) throws IOException {
        List<String> names = new ArrayList<>();
        String preload = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(Path.of("target", archive)))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
                if (entry.getName().equals("META-INF/quarkus-generated-preload-classes.txt")) {
                    preload = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(names).as("entries of " + archive).doesNotHaveDuplicates()
                .contains("io/idvmedia/operation/GetMediaOperation.class");
        // The production artifacts leave the embedded sandbox out (the functions above run without it).
        assertThat(names).as("sandbox entries of " + archive)
                .noneMatch(name -> name.startsWith("io/idvmedia/sandbox/") || name.startsWith("sandbox/"));
        assertThat(preload).as("the preload list of " + archive).isNotNull()
                .contains("io.idvmedia.operation.GetMediaOperation").doesNotContain("io.idvmedia.sandbox.");
    }

    @Test
    void shouldMintGrantsFromThePackagedIssueGrantFunctionForDirectInvocationsOnly() throws Exception {
        try (RuntimeApi api = new RuntimeApi()) {
            api.queue("{\"provider\":\"yoti\",\"sessionIds\":[\"" + SESSION + "\"],\"operations\":[\"get-media\"],"
                    + "\"subject\":\"backend-7\",\"ttlSeconds\":60}");
            api.queue(apiGatewayEvent("GET", "/v1/{provider}/sessions/{sessionId}"));
            Process function = start("issue-grant", api.port());
            try {
                JsonNode minted = api.response(60);
                JsonNode viaApi = api.response(30);

                assertThat(minted.has("error")).as(minted.toString()).isFalse();
                JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(AccessKeys.ec().getPublicKey())
                        .setExpectedIssuer(AccessKeys.ISSUER).setExpectedAudience("idv-media-functions")
                        .build().processToClaims(minted.get("token").asText());
                assertThat(claims.getSubject()).isEqualTo("backend-7");
                assertThat(claims.getStringListClaimValue("idv_sessions")).containsExactly(SESSION);
                assertThat(viaApi.get("statusCode").asInt()).isEqualTo(404);
            } finally {
                function.destroy();
                function.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void shouldReceiveWebhooksAndRunStagingJobsFromThePackagedFunctions() throws Exception {
        try (RuntimeApi api = new RuntimeApi()) {
            api.queue(webhookEvent("Bearer " + NOTIFICATION_TOKEN));
            api.queue(webhookEvent("Bearer not-the-token"));
            Process function = start("receive-webhook", api.port());
            try {
                JsonNode accepted = api.response(60);
                JsonNode refused = api.response(30);

                assertThat(accepted.get("statusCode").asInt()).as(accepted.toString()).isEqualTo(200);
                assertThat(accepted.get("body").asText()).contains("acknowledged");
                assertThat(refused.get("statusCode").asInt()).isEqualTo(401);
                assertThat(refused.get("body").asText()).contains("webhook-unauthenticated");
            } finally {
                function.destroy();
                function.waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (RuntimeApi api = new RuntimeApi()) {
            ObjectNode sqs = JSON.createObjectNode();
            sqs.putArray("Records").addObject().put("messageId", "m-1").put("receiptHandle", "h-1")
                    .put("eventSource", "aws:sqs")
                    .put("body", JSON.createObjectNode().put("provider", "yoti").put("sessionId", SESSION).toString());
            api.queue(sqs.toString());
            api.queue("{\"provider\":\"yoti\"}");
            Process function = start("stage-session", api.port());
            try {
                JsonNode batch = api.response(60);
                JsonNode malformed = api.response(30);

                assertThat(batch.get("batchItemFailures")).as(batch.toString()).isEmpty();
                Path manifest = Path.of("target", "function-staged", "yoti", SESSION, "session.manifest.json");
                assertThat(JSON.readTree(manifest.toFile()).at("/media/0/id").asText()).isEqualTo(MEDIA);
                assertThat(malformed.at("/error/status").asInt()).isEqualTo(400);
            } finally {
                function.destroy();
                function.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String webhookEvent(String authorization) throws IOException {
        String template = Files.readString(Path.of("src/test/resources/fixtures/lambda/apigw-v2-event.json"));
        ObjectNode event = (ObjectNode) JSON.readTree(template);
        event.put("routeKey", "POST /v1/{provider}/webhooks");
        ((ObjectNode) event.get("headers")).put("authorization", authorization);
        ((ObjectNode) event.at("/requestContext/http")).put("method", "POST");
        event.putObject("pathParameters").put("provider", "yoti");
        event.put("body", "{\"session_id\":\"" + SESSION + "\",\"topic\":\"check_completion\"}");
        event.put("isBase64Encoded", false);
        return event.toString();
    }

    private static String apiGatewayEvent(String method, String route) throws IOException {
        String template = Files.readString(Path.of("src/test/resources/fixtures/lambda/apigw-v2-event.json"));
        ObjectNode event =
                (ObjectNode) JSON.readTree(template);
        event.put("routeKey", method + " " + route);
        String grant = Grants.builder().claim("iss", AccessKeys.ISSUER).provider("yoti").sessions(SESSION)
                .key(AccessKeys.ec().getPrivateKey(), "ec-1", AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .sign();
        ((ObjectNode) event.get("headers")).put("authorization", "Bearer " + grant);
        ((ObjectNode) event.at("/requestContext/http")).put("method", method);
        ObjectNode params = event.putObject("pathParameters");
        params.put("provider", "yoti").put("sessionId", SESSION).put("mediaId", MEDIA);
        return event.toString();
    }

    private static Process start(String handler, int apiPort) throws IOException {
        List<String> classPath = new ArrayList<>();
        classPath.add(taskRoot.toAbsolutePath().toString());
        try (Stream<Path> libs = Files.list(taskRoot.resolve("lib"))) {
            libs.sorted().forEach(lib -> classPath.add(lib.toAbsolutePath().toString()));
        }
        // The runtime interface client and its serialization library, as the managed runtime provides them.
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("aws-lambda-java-runtime-interface-client")
                    || entry.contains("aws-lambda-java-serialization")) {
                classPath.add(entry);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java,
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", String.join(File.pathSeparator, classPath),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
        Map<String, String> env = builder.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + apiPort);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toAbsolutePath().toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "idv-media-" + handler);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_REGION", "eu-west-1");
        env.put("QUARKUS_LAMBDA_HANDLER", handler);
        env.put("QUARKUS_HTTP_HOST_ENABLED", "false");
        env.put("IDV_YOTI_BASE_URL", provider.baseUrl() + "/idverify/v1");
        env.put("IDV_YOTI_SDK_ID", "test-sdk-id");
        env.put("IDV_YOTI_PRIVATE_KEY",
                "file:" + Path.of("src/test/resources/keys/test-key-pkcs1.pem").toAbsolutePath());
        AccessKeys.writeSecretJwks(false);
        env.put("IDV_ACCESS_ISSUER", AccessKeys.ISSUER);
        env.put("IDV_ACCESS_JWKS", "file:" + AccessKeys.JWKS_FILE.toAbsolutePath());
        env.put("IDV_ACCESS_SIGNING_KEY", "file:" + AccessKeys.DIR.resolve("ec-1.json").toAbsolutePath());
        env.put("IDV_MEDIA_LOCAL_PUBLIC_URL", "https://media.example.com");
        env.put("IDV_YOTI_NOTIFICATION_TOKEN", NOTIFICATION_TOKEN);
        env.put("IDV_MEDIA_LOCAL_DIR", Path.of("target", "function-staged").toAbsolutePath().toString());
        Path log = Path.of("target", "function-" + handler + ".log");
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** A minimal Lambda Runtime API: hands out queued events and collects the function's answers. */
    private static final class RuntimeApi implements AutoCloseable {
        private final HttpServer server;
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();

        RuntimeApi() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/2018-06-01/runtime/", this::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void queue(String event) {
            events.add(event);
        }

        JsonNode response(int seconds) throws InterruptedException {
            JsonNode response = responses.poll(seconds, TimeUnit.SECONDS);
            assertThat(response).as("an answer within " + seconds + " s (see target/function-*.log)").isNotNull();
            return response;
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.endsWith("/invocation/next")) {
                String event;
                try {
                    event = events.poll(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (event == null) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", UUID.randomUUID().toString());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        String.valueOf(System.currentTimeMillis() + 60_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:eu-west-1:123456789012:function:idv-media");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
                return;
            }
            if (path.endsWith("/response") || path.endsWith("/error")) {
                JsonNode answer = path.endsWith("/error")
                        ? JSON.createObjectNode().put("runtimeError", new String(body, StandardCharsets.UTF_8))
                        : JSON.readTree(body);
                responses.add(answer);
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
