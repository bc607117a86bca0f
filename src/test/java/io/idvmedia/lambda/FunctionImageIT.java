package io.idvmedia.lambda;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.testing.AccessKeys;
import io.idvmedia.testing.FunctionImage;
import io.idvmedia.testing.PackagedFunctions;
import io.idvmedia.testing.PackagedFunctions.RuntimeApi;
import io.idvmedia.testing.SecretsManagerStubs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The functions' container image as the build made it (target/function-image), run as an image runs: its entry point
 * as the Dockerfile writes it, in a mount namespace whose root is the image's root file system (so nothing of this
 * machine's, no library or JDK, is there to fall back on), with the machine's {@code /proc} and {@code /dev} and a
 * directory of target/ as its {@code /tmp}, as Lambda gives a container its own, polling a Runtime API this test
 * serves on loopback. Secrets are read from Secrets Manager (WireMock), the provider is WireMock playing Yoti. Every
 * start requires the class-data archive ({@code -Xshare:on}: a JVM that cannot map it does not start).
 */
class FunctionImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "11111111-1111-4111-8111-111111111111";
    private static final String MEDIA = "a1000000-0000-4000-8000-000000000001";
    private static final byte[] IMAGE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 5, 6, 7, 8};
    private static final String MINT = "{\"provider\":\"yoti\",\"sessionIds\":[\"" + SESSION + "\"],"
            + "\"operations\":[\"get-media\"],\"subject\":\"backend-7\",\"ttlSeconds\":60}";
    private static final Path IMAGE_DIR = Path.of("target", "function-image");
    /** The functions' /tmp, as Lambda gives a container one of its own. */
    private static final Path TMP = Path.of("target", "function-image-tmp");
    private static Path rootfs;
    private static WireMockServer provider;
    private static WireMockServer secretsManager;

    @BeforeAll
    static void startServers() throws IOException {
        rootfs = FunctionImage.rootfs(IMAGE_DIR);
        assertThat(FunctionImage.inside(rootfs, FunctionImage.ARCHIVE)).as("the image the package phase built")
                .isRegularFile();
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        PackagedFunctions.playYoti(provider, SESSION, MEDIA, IMAGE);
        secretsManager = new WireMockServer(options().dynamicPort());
        secretsManager.start();
        AccessKeys.writeSecretJwks(false);
        SecretsManagerStubs.secret(secretsManager, "idv/yoti", JSON.createObjectNode().put("sdkId", "test-sdk-id")
                .put("privateKey", Files.readString(Path.of("src/test/resources/keys/test-key-pkcs1.pem")))
                .toString(), 0);
        SecretsManagerStubs.secret(secretsManager, "idv/access", JSON.createObjectNode()
                .put("jwks", Files.readString(AccessKeys.JWKS_FILE))
                .put("signingKey", Files.readString(AccessKeys.DIR.resolve("ec-1.json"))).toString(), 0);
    }

    @AfterAll
    static void stopServers() {
        provider.stop();
        secretsManager.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"get-session", "get-media", "delete-session", "issue-grant"})
    void shouldAnswerFromTheImageAloneWithEveryClassFromItsArchive(String handler) throws Exception {
        try (RuntimeApi api = new RuntimeApi()) {
            String route = handler.equals("get-media") ? "/v1/{provider}/sessions/{sessionId}/media/{mediaId}"
                    : "/v1/{provider}/sessions/{sessionId}";
            String method = handler.startsWith("delete") ? "DELETE" : "GET";
            api.queue(handler.equals("issue-grant") ? MINT : FunctionZipIT.apiGatewayEvent(method, route));
            api.queue(handler.equals("issue-grant") ? MINT : "{\"provider\":\"yoti\",\"sessionId\":\"" + SESSION
                    + "\",\"mediaId\":\"" + MEDIA + "\",\"delivery\":\"stream\"}");
            Path classes = TMP.resolve("classes-" + handler + ".log");
            Files.deleteIfExists(classes);

            List<JsonNode> answers = twoAnswers(api, start(handler, api.port(), Map.of()));
            JsonNode first = answers.get(0);
            JsonNode second = answers.get(1);

            // THEN both events were answered as the managed runtime's functions answer them
            assertThat(first.has("runtimeError")).as(first.toString()).isFalse();
            assertThat(second.has("runtimeError") || second.has("error")).as(second.toString()).isFalse();
            switch (handler) {
                case "get-session" -> {
                    assertThat(first.get("statusCode").asInt()).as(first.toString()).isEqualTo(200);
                    assertThat(second.get("session_id").asText()).isEqualTo(SESSION);
                }
                case "get-media" -> {
                    assertThat(Base64.getDecoder().decode(first.get("body").asText())).isEqualTo(IMAGE);
                    assertThat(Base64.getDecoder().decode(second.get("base64").asText())).isEqualTo(IMAGE);
                }
                case "delete-session" -> assertThat(JSON.readTree(first.get("body").asText()).path("receipt")
                        .asText()).as("a signed receipt").contains(".");
                default -> {
                    assertThat(first.path("token").asText()).as(first.toString()).contains(".");
                    assertThat(second.path("token").asText()).as(second.toString()).contains(".");
                }
            }
            // AND the function said so at start
            assertThat(Files.readAllLines(log(handler)))
                    .anyMatch(line -> line.endsWith("Class-data archive " + FunctionImage.ARCHIVE + " in use"));
            // AND every class of the application (but the lambdas of paths no training start took, which the JVM
            // spins at run time), and nearly every other, came from the image's archive
            List<String> loaded = Files.readAllLines(classes).stream().filter(line -> line.contains(" source: "))
                    .toList();
            assertThat(loaded).filteredOn(line -> line.contains(" io.idvmedia.") && !line.contains("$$Lambda$"))
                    .isNotEmpty().allMatch(line -> line.endsWith("source: shared objects file"));
            long shared = loaded.stream().filter(line -> line.endsWith("source: shared objects file")).count();
            assertThat(shared).as("classes from the archive, of " + loaded.size())
                    .isGreaterThan(loaded.size() * 9L / 10);
        }
    }

    @Test
    void shouldPrimeAndRestoreASnapStartVersionInTheImage() throws Exception {
        try (RuntimeApi api = new RuntimeApi()) {
            api.queue(FunctionZipIT.apiGatewayEvent("GET", "/v1/{provider}/sessions/{sessionId}"));
            api.queue("{\"provider\":\"yoti\",\"sessionId\":\"" + SESSION + "\"}");
            // A SnapStart function's environment holds no access key: its first call to AWS after the restore reads
            // the role's credentials from the container credentials endpoint.
            Map<String, String> env = new HashMap<>(api.containerCredentials("AKIDIMAGE", "image-secret"));
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            List<JsonNode> answers = twoAnswers(api, start("get-session", api.port(), env));
            JsonNode first = answers.get(0);
            JsonNode second = answers.get(1);

            assertThat(api.restoredAt()).as("the snapshot's point (restore/next) was reached").isPositive();
            assertThat(first.get("statusCode").asInt()).as(first.toString()).isEqualTo(200);
            assertThat(second.path("session_id").asText()).as(second.toString()).isEqualTo(SESSION);
            assertThat(Files.readAllLines(log("get-session")))
                    .anyMatch(line -> line.matches(".*Primed for the snapshot in \\d+ ms, [1-9]\\d{2,} application "
                            + "classes preloaded$"));
        }
    }

    @Test
    void shouldStartWithoutTheArchiveWhenItCannotBeMappedAndSaySo() throws Exception {
        try (RuntimeApi api = new RuntimeApi()) {
            api.queue(FunctionZipIT.apiGatewayEvent("GET", "/v1/{provider}/sessions/{sessionId}"));
            api.queue("{\"provider\":\"yoti\",\"sessionId\":\"" + SESSION + "\"}");
            // An archive the JVM cannot map (none at the path its last -XX:SharedArchiveFile names), not required.
            Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS",
                    String.join(" ", PackagedFunctions.DEPLOYED_JVM_OPTIONS) + " -Xmx256m");
            List<JsonNode> answers = twoAnswers(api, start("get-session", api.port(), env,
                    List.of("-XX:SharedArchiveFile=/opt/idv/none.jsa")));

            assertThat(answers.get(0).get("statusCode").asInt()).as(answers.get(0).toString()).isEqualTo(200);
            assertThat(answers.get(1).path("session_id").asText()).isEqualTo(SESSION);
            assertThat(Files.readAllLines(log("get-session"))).anyMatch(line -> line.contains("WARN")
                    && line.contains("Class-data archive " + FunctionImage.ARCHIVE + " NOT in use"));
        }
    }

    @Test
    void shouldGiveEveryFileTheArchivesTimeAndTheDockerfileTheEntryPointRunHere() throws IOException {
        List<Path> untimed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(rootfs)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    if (!Files.getLastModifiedTime(f).equals(FunctionImage.FILE_TIME)) {
                        untimed.add(f);
                    }
                } catch (IOException e) {
                    untimed.add(f);
                }
            });
        }
        assertThat(untimed).as("files whose time is not the archive's").isEmpty();
        assertThat(FunctionImage.inside(rootfs, FunctionImage.JAVA_HOME + "/bin/java")).isExecutable();
        List<String> dockerfile = Files.readAllLines(IMAGE_DIR.resolve("Dockerfile"));
        String entryPoint = dockerfile.stream().filter(line -> line.startsWith("ENTRYPOINT ")).findFirst()
                .orElseThrow().substring("ENTRYPOINT ".length());
        List<String> written = new ArrayList<>();
        JSON.readTree(entryPoint).forEach(arg -> written.add(arg.asText()));
        assertThat(written).isEqualTo(FunctionImage.entryPoint(rootfs));
        assertThat(dockerfile).contains("FROM scratch", "COPY rootfs/ /", "WORKDIR " + FunctionImage.TASK_ROOT);
    }

    private static Process start(String handler, int apiPort, Map<String, String> more) throws IOException {
        return start(handler, apiPort, more, List.of());
    }

    /** The function as the image runs it, with more environment on top and JVM options after the entry point's. */
    private static Process start(String handler, int apiPort, Map<String, String> more, List<String> jvmOptions)
            throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_LAMBDA_HANDLER", handler);
        env.put("IDV_YOTI_BASE_URL", provider.baseUrl() + "/idverify/v1");
        env.put("IDV_SECRETS_AWS_ENDPOINT", secretsManager.baseUrl());
        env.put("IDV_YOTI_SDK_ID", "aws-secretsmanager:idv/yoti#sdkId");
        env.put("IDV_YOTI_PRIVATE_KEY", "aws-secretsmanager:idv/yoti#privateKey");
        env.put("IDV_ACCESS_ISSUER", AccessKeys.ISSUER);
        env.put("IDV_ACCESS_JWKS", "aws-secretsmanager:idv/access#jwks");
        env.put("IDV_ACCESS_SIGNING_KEY", "aws-secretsmanager:idv/access#signingKey");
        env.put("IDV_RECEIPTS_SIGNING_KEY", "aws-secretsmanager:idv/access#signingKey");
        env.put("IDV_MEDIA_LOCAL_PUBLIC_URL", "https://media.example.com");
        env.put("IDV_MEDIA_LOCAL_DIR", "/tmp/staged");
        env.put("AWS_ACCESS_KEY_ID", "AKIDIMAGE");
        env.put("AWS_SECRET_ACCESS_KEY", "image-secret");
        env.put("AWS_SESSION_TOKEN", "image-session");
        // The deployed options, the archive required, and the classes loaded written where the test reads them.
        env.put("JAVA_TOOL_OPTIONS", String.join(" ", PackagedFunctions.DEPLOYED_JVM_OPTIONS) + " -Xmx256m"
                + " -Xshare:on -Xlog:class+load=info:file=/tmp/classes-" + handler + ".log");
        if (more.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN").forEach(env::remove);
        }
        env.putAll(more);
        ProcessBuilder builder = FunctionImage.isolated(rootfs, TMP, "idv-media-" + handler, apiPort, jvmOptions, env);
        return builder.redirectOutput(log(handler).toFile()).start();
    }

    private static Path log(String handler) {
        return Path.of("target", "function-image-" + handler + ".log");
    }

    /** The function's answers to its two queued events; then it is stopped. */
    private static List<JsonNode> twoAnswers(RuntimeApi api, Process function) throws InterruptedException {
        try {
            return List.of(response(api, 60), response(api, 30));
        } finally {
            function.destroy();
            function.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode response(RuntimeApi api, int seconds) throws InterruptedException {
        RuntimeApi.Answer answer = api.answer(seconds);
        assertThat(answer).as("an answer within " + seconds + " s (see target/function-image-*.log)").isNotNull();
        return answer.body();
    }
}
