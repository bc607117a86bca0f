package io.idvmedia.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.idvmedia.testing.AccessKeys;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.PackagedFunctions.RuntimeApi;
import io.idvmedia.testing.PackagedFunctions;
import io.idvmedia.testing.SecretsManagerStubs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
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
 * classes and lib/*.jar, here one jar, on the class path), started by the AWS Lambda runtime interface client with
 * the Quarkus stream handler, polling a Runtime API that this test serves on loopback. Each function gets an API
 * Gateway event and a direct event against a provider played by WireMock; the time from process start to the first
 * answered event is printed as the function's cold start on this machine.
 */
class FunctionZipIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "11111111-1111-4111-8111-111111111111";
    private static final String MEDIA = "a1000000-0000-4000-8000-000000000001";
    private static final String NOTIFICATION_TOKEN = "packaged-notification-token";
    private static final int SECRET_DELAY_MS = 600;
    /** Classes of the application that get-session never uses: those of an export, a deletion, a grant's issue, S3. */
    private static final List<String> OTHER_OPERATIONS_ONLY = List.of("io.idvmedia.export.ExportManifest",
            "io.idvmedia.lifecycle.ErasureReceipt", "io.idvmedia.lifecycle.DeletionReport",
            "io.idvmedia.access.IssuedGrant", "io.idvmedia.media.S3Xml");
    private static final byte[] IMAGE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};
    private static Path taskRoot;
    private static WireMockServer provider;

    @BeforeAll
    static void unpackAndStartProvider() throws IOException {
        Path zip = Path.of("target", "function.zip");
        assertThat(zip).exists();
        taskRoot = PackagedFunctions.unpack(zip, Path.of("target", "function-task"));
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        PackagedFunctions.playYoti(provider, SESSION, MEDIA, IMAGE);
    }

    @AfterAll
    static void stopProvider() {
        provider.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"get-session", "list-media", "get-media", "delete-session", "delete-media",
        "export-session", "hold", "get-receipts"})
    void shouldAnswerBothEventShapesFromThePackagedFunction(String handler) throws Exception {
        try (RuntimeApi api = new RuntimeApi()) {
            String route = handler.endsWith("media") && !handler.equals("list-media")
                    ? "/v1/{provider}/sessions/{sessionId}/media/{mediaId}"
                    : handler.equals("list-media") ? "/v1/{provider}/sessions/{sessionId}/media"
                    : handler.equals("export-session") ? "/v1/{provider}/sessions/{sessionId}/export"
                    : handler.equals("hold") ? "/v1/{provider}/sessions/{sessionId}/hold"
                    : handler.equals("get-receipts") ? "/v1/{provider}/sessions/{sessionId}/receipts"
                    : "/v1/{provider}/sessions/{sessionId}";
            String method = handler.startsWith("delete") ? "DELETE" : "GET";
            // An export is always a URL on Lambda: its JSON, asked for on both shapes.
            String delivery = handler.equals("export-session") ? "url" : "stream";
            ObjectNode gatewayEvent = (ObjectNode) JSON.readTree(apiGatewayEvent(method, route));
            if (handler.equals("export-session")) {
                gatewayEvent.putObject("queryStringParameters").put("delivery", delivery);
            }
            api.queue(gatewayEvent.toString());
            api.queue("{\"provider\":\"yoti\",\"sessionId\":\"" + SESSION + "\",\"mediaId\":\"" + MEDIA
                    + "\",\"delivery\":\"" + delivery + "\"}");

            long started = System.nanoTime();
            Path classes = Path.of("target", "function-" + handler + "-classes.log").toAbsolutePath();
            Files.deleteIfExists(classes);
            Process function = start(handler, api.port(), Map.of("JAVA_TOOL_OPTIONS", classLog(classes)));
            try {
                JsonNode first = response(api, 60);
                long coldStartMs = (System.nanoTime() - started) / 1_000_000;
                JsonNode second = response(api, 30);
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
                if (handler.equals("export-session")) {
                    assertThat(JSON.readTree(first.get("body").asText()).path("url").asText())
                            .startsWith("https://media.example.com/v1/staged/yoti/" + SESSION + "/export.zip?");
                    assertThat(second.path("contentType").asText()).isEqualTo("application/zip");
                }
                if (handler.equals("hold")) {
                    assertThat(JSON.readTree(first.get("body").asText()).path("held").asBoolean()).isFalse();
                    assertThat(second.path("held").asBoolean()).isFalse();
                }
                if (handler.equals("get-session")) {
                    assertThat(second.get("session_id").asText()).isEqualTo(SESSION);
                    // AND an on-demand start loaded its own operation's classes, not those of the others (the
                    // preload of every class of the application runs before a SnapStart snapshot only)
                    assertThat(loadedClasses(classes)).contains("io.idvmedia.operation.GetSessionOperation")
                            .doesNotContainAnyElementsOf(OTHER_OPERATIONS_ONLY);
                }
                if (handler.equals("get-receipts")) {
                    assertThat(JSON.readTree(first.get("body").asText()).path("receipts").isArray()).isTrue();
                    assertThat(second.path("receipts").isArray()).as(second.toString()).isTrue();
                }
                if (handler.equals("delete-session")) {
                    // The deployed function signs its receipts (with the receipt key its environment names).
                    assertThat(JSON.readTree(first.get("body").asText()).path("receipt").asText()).contains(".");
                }
            } finally {
                function.destroy();
                function.waitFor(10, TimeUnit.SECONDS);
            }
            assertStartedLean(handler);
            // Each answered event left its metrics in the log, as CloudWatch embedded-metric-format lines.
            List<JsonNode> metrics = metricLines(handler);
            assertThat(metrics).filteredOn(m -> m.path("Requests").asInt() == 1
                    && m.path("Operation").asText().equals(handler)
                    && m.at("/_aws/CloudWatchMetrics/0/Namespace").asText().equals("idv-media"))
                    .as("request metrics of " + handler).hasSize(2);
            if (!handler.equals("hold") && !handler.equals("get-receipts")) {
                // hold and get-receipts ask no provider
                assertThat(metrics).filteredOn(m -> m.path("Provider").asText().equals("yoti")
                        && m.has("ProviderLatency")).as("provider metrics of " + handler).isNotEmpty();
            }
        }
    }

    /**
     * What a packaged function reports at start: only the extensions a function uses (no HTTP server, REST, OpenAPI,
     * health or metrics registry, no REST Client with its Vert.x and Netty), and no bean made at start but those that
     * check the configuration (settings, secrets, the store's settings) and the SnapStart priming. Clients, keys,
     * the access gate, the job queue and the operations are made on first use.
     */
    private static void assertStartedLean(String handler) throws IOException {
        List<String> log = Files.readAllLines(Path.of("target", "function-" + handler + ".log"));
        assertThat(log).as("the features " + handler + " started with")
                .anyMatch(line -> line.endsWith("Installed features: [amazon-lambda, cdi]"));
        assertThat(log).as("the warm-up beside the start of " + handler)
                .anyMatch(line -> line.contains("Warmed up beside the start in"))
                .noneMatch(line -> line.contains("a step failed"));
        String made = log.stream().filter(line -> line.contains("Beans made at start: [")).findFirst()
                .orElseThrow(() -> new AssertionError("no start-up report in the log of " + handler));
        String prefix = "Beans made at start: [";
        List<String> beans = List.of(made.substring(made.indexOf(prefix) + prefix.length(), made.lastIndexOf(']'))
                .split(", "));
        assertThat(beans).as("the beans " + handler + " made at start").isNotEmpty().allMatch(bean ->
                bean.matches("provider\\.[a-z]+\\.[A-Za-z]+(Provider|Webhooks)")
                        || List.of("lambda.Priming", "secrets.SecretChecks", "secrets.SecretsProvider",
                        "access.AccessSecretSettings", "media.MediaStores").contains(bean)
                        // made by the warm-up beside the start (for the functions that check grants)
                        || List.of("access.GrantVerifier", "provider.ProviderRegistry").contains(bean));
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
    void shouldCarryItsLibrariesAsOneStoredJar() throws IOException {
        try (var lib = Files.list(taskRoot.resolve("lib"))) {
            assertThat(lib).map(path -> path.getFileName().toString()).containsExactly("functions.jar");
        }
        try (JarFile jar = new JarFile(taskRoot.resolve("lib/functions.jar").toFile())) {
            List<String> names = new ArrayList<>();
            jar.stream().forEach(entry -> names.add(entry.getName()));
            assertThat(names).doesNotHaveDuplicates()
                    .contains("io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class",
                            "software/amazon/awssdk/services/s3/S3Client.class", "org/jose4j/jwt/JwtClaims.class")
                    .noneMatch(name -> name.startsWith("io/idvmedia/"));
            assertThat(jar.stream()).as("entries stored, not compressed")
                    .allMatch(entry -> entry.getMethod() == ZipEntry.STORED);
        }
    }

    /**
     * As Lambda runs a SnapStart version: initialized and primed for the snapshot, then restored and given its events,
     * with the execution role's credentials served from the container credentials endpoint (a SnapStart function's
     * environment holds no access key). Its secrets are in Secrets Manager (WireMock, each answer 0.6 s late).
     */
    @Test
    void shouldReadItsSecretsOnlyOnceRestoredAllAtOnceAndWithTheContainerCredentials() throws Exception {
        AccessKeys.writeSecretJwks(false);
        WireMockServer secretsManager = new WireMockServer(options().dynamicPort());
        secretsManager.start();
        try (RuntimeApi api = new RuntimeApi()) {
            SecretsManagerStubs.secret(secretsManager, "idv/yoti", JSON.createObjectNode().put("sdkId", "test-sdk-id")
                    .put("privateKey", Files.readString(Path.of("src/test/resources/keys/test-key-pkcs1.pem")))
                    .toString(), SECRET_DELAY_MS);
            SecretsManagerStubs.secret(secretsManager, "idv/access",
                    JSON.createObjectNode().put("jwks", Files.readString(AccessKeys.JWKS_FILE)).toString(),
                    SECRET_DELAY_MS);
            List<Integer> atSnapshot = new ArrayList<>();
            api.onRestore(() -> {
                atSnapshot.add(secretsManager.findAll(postRequestedFor(urlEqualTo("/"))).size());
                // The role's credentials are not those of the init: a snapshot may be restored hours later.
                api.serveCredentials("AKIDRESTORED", "restored-secret");
            });
            api.queue(apiGatewayEvent("GET", "/v1/{provider}/sessions/{sessionId}"));
            api.queue("{\"provider\":\"yoti\",\"sessionId\":\"" + SESSION + "\"}");
            Map<String, String> env = new HashMap<>(api.containerCredentials("AKIDINIT", "init-secret"));
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            // No profile file stands before the container credentials in the SDK's chain, whatever this machine has.
            env.put("AWS_SHARED_CREDENTIALS_FILE", Path.of("target", "no-aws-credentials").toAbsolutePath().toString());
            env.put("AWS_CONFIG_FILE", Path.of("target", "no-aws-config").toAbsolutePath().toString());
            env.put("IDV_SECRETS_AWS_ENDPOINT", secretsManager.baseUrl());
            env.put("IDV_YOTI_SDK_ID", "aws-secretsmanager:idv/yoti#sdkId");
            env.put("IDV_YOTI_PRIVATE_KEY", "aws-secretsmanager:idv/yoti#privateKey");
            env.put("IDV_ACCESS_JWKS", "aws-secretsmanager:idv/access#jwks");

            Path classes = Path.of("target", "function-snapstart-classes.log").toAbsolutePath();
            Files.deleteIfExists(classes);
            env.put("JAVA_TOOL_OPTIONS", classLog(classes));
            Process function = start("get-session", api.port(), env);
            JsonNode first;
            JsonNode second;
            try {
                first = response(api, 60);
                second = response(api, 30);
            } finally {
                function.destroy();
                function.waitFor(10, TimeUnit.SECONDS);
            }

            // THEN both events were answered, from the provider, with the grant checked
            assertThat(first.get("statusCode").asInt()).as(first.toString()).isEqualTo(200);
            assertThat(second.path("session_id").asText()).as(second.toString()).isEqualTo(SESSION);
            // AND before the snapshot the start checked that each secret setting can be read (so that a version
            // whose secrets cannot be read is never published), keeping none of them
            assertThat(atSnapshot.get(0)).as("secret reads before the snapshot").isPositive();
            // AND once restored, each secret was read once, both together (the first event needs both, one after
            // the other: read one by one they would arrive at least one answer's delay apart)
            List<LoggedRequest> all = secretsManager.findAll(postRequestedFor(urlEqualTo("/")));
            List<LoggedRequest> reads = all.subList(atSnapshot.get(0), all.size());
            assertThat(reads).hasSize(2);
            long spread = Math.abs(reads.get(0).getLoggedDate().getTime() - reads.get(1).getLoggedDate().getTime());
            assertThat(spread).as("ms between the two reads' arrivals").isLessThan(SECRET_DELAY_MS / 2);
            // AND signed with the credentials the container endpoint served after the restore: none read before it
            // (the checks' own) were kept in the snapshot
            assertThat(all.subList(0, atSnapshot.get(0))).allSatisfy(read -> assertThat(read.getHeader(
                    "Authorization")).contains("Credential=AKIDINIT/"));
            assertThat(reads).allSatisfy(read -> assertThat(read.getHeader("Authorization"))
                    .contains("Credential=AKIDRESTORED/"));
            assertThat(api.credentialReads()).isPositive();
            assertThat(api.credentialRefusals()).isZero();
            // AND before the snapshot every class of the application was loaded, the other operations' too
            assertThat(Files.readAllLines(Path.of("target", "function-get-session.log")))
                    .anyMatch(line -> line.matches(".*Primed for the snapshot in \\d+ ms, [1-9]\\d{2,} application "
                            + "classes preloaded$"));
            assertThat(loadedClasses(classes)).containsAll(OTHER_OPERATIONS_ONLY);
        } finally {
            secretsManager.stop();
        }
    }

    @Test
    void shouldRunAPurgeFromThePackagedFunctionOnItsScheduleOnly() throws Exception {
        try (RuntimeApi api = new RuntimeApi()) {
            api.queue("{\"version\":\"0\",\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\","
                    + "\"detail\":{}}");
            api.queue(apiGatewayEvent("GET", "/v1/{provider}/sessions/{sessionId}"));
            Process function = start("purge-expired", api.port());
            try {
                JsonNode report = response(api, 60);
                JsonNode viaApi = response(api, 30);

                assertThat(report.has("error")).as(report.toString()).isFalse();
                assertThat(report.path("dryRun").asBoolean(true)).isFalse();
                assertThat(report.path("deleted").isArray()).as(report.toString()).isTrue();
                assertThat(viaApi.get("statusCode").asInt()).isEqualTo(404);
            } finally {
                function.destroy();
                function.waitFor(10, TimeUnit.SECONDS);
            }
            assertStartedLean("purge-expired");
            assertThat(Files.readString(Path.of("target", "function-purge-expired.log")))
                    .contains("Purge run").doesNotContain("Purge runs every");
        }
    }

    @Test
    void shouldMintGrantsFromThePackagedIssueGrantFunctionForDirectInvocationsOnly() throws Exception {
        try (RuntimeApi api = new RuntimeApi()) {
            api.queue("{\"provider\":\"yoti\",\"sessionIds\":[\"" + SESSION + "\"],\"operations\":[\"get-media\"],"
                    + "\"subject\":\"backend-7\",\"ttlSeconds\":60}");
            api.queue(apiGatewayEvent("GET", "/v1/{provider}/sessions/{sessionId}"));
            Process function = start("issue-grant", api.port());
            try {
                JsonNode minted = response(api, 60);
                JsonNode viaApi = response(api, 30);

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
                JsonNode accepted = response(api, 60);
                JsonNode refused = response(api, 30);

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
                JsonNode batch = response(api, 60);
                JsonNode malformed = response(api, 30);

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

    /** An API Gateway event for one route, carrying a grant to the test session (FunctionImageIT's too). */
    static String apiGatewayEvent(String method, String route) throws IOException {
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
        return start(handler, apiPort, Map.of());
    }

    /** The function as {@link #start(String, int)} starts it, with more environment on top. */
    private static Process start(String handler, int apiPort, Map<String, String> more) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_LAMBDA_HANDLER", handler);
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
        env.put("IDV_RECEIPTS_SIGNING_KEY", "file:" + AccessKeys.DIR.resolve("ec-1.json").toAbsolutePath());
        // Nothing registered is due for ten years: the purge run lists, and deletes nothing.
        env.put("IDV_RETENTION_YOTI", "P3650D");
        env.putAll(more);
        List<String> jvm = new ArrayList<>(PackagedFunctions.DEPLOYED_JVM_OPTIONS);
        jvm.add("-Xmx256m");
        ProcessBuilder builder = PackagedFunctions.process(taskRoot, "idv-media-" + handler, apiPort, jvm, env);
        Path log = Path.of("target", "function-" + handler + ".log");
        return builder.redirectOutput(log.toFile()).start();
    }

    /** {@code JAVA_TOOL_OPTIONS} that have the JVM write the name of every class it loads to {@code file}. */
    private static String classLog(Path file) {
        return "-Xlog:class+load=info:file=" + file;
    }

    /** The names of the classes a JVM started with {@link #classLog} loaded. */
    private static Set<String> loadedClasses(Path file) throws IOException {
        Set<String> names = new HashSet<>();
        for (String line : Files.readAllLines(file)) {
            int end = line.indexOf(" source: ");
            if (end > 0) {
                names.add(line.substring(line.lastIndexOf(' ', end - 1) + 1, end));
            }
        }
        return names;
    }

    private static JsonNode response(RuntimeApi api, int seconds) throws InterruptedException {
        RuntimeApi.Answer answer = api.answer(seconds);
        assertThat(answer).as("an answer within " + seconds + " s (see target/function-*.log)").isNotNull();
        return answer.body();
    }
}
