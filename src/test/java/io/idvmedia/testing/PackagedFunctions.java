package io.idvmedia.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A packaged function.zip run the way the managed Java runtime runs it: unpacked as the task root (its classes and
 * {@code lib/*.jar} on the class path), started by the AWS Lambda runtime interface client with the Quarkus stream
 * handler, polling a {@link RuntimeApi} served on loopback. Used by the packaging test and the cold-start benchmark.
 */
public final class PackagedFunctions {

    /** The handler class the Terraform in infra/ names for every function. */
    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    /**
     * The options the managed Java runtime puts on every function's command line itself, besides its heap size and its
     * own class data archive: the serial collector (the JVM here would pick G1 on a machine of two cores), and the
     * CRaC API bound to the runtime client's, through which it runs a SnapStart function's {@code beforeCheckpoint}
     * and {@code afterRestore}.
     */
    public static final List<String> RUNTIME_JVM_OPTIONS =
            List.of("-XX:+UseSerialGC", "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
    /** The JVM options infra/lambda.tf deploys ({@code JAVA_TOOL_OPTIONS}). */
    public static final List<String> DEPLOYED_JVM_OPTIONS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:MetaspaceSize=64m");

    private PackagedFunctions() {
    }

    /**
     * Makes a WireMock server play Yoti for a packaged function under {@code /idverify/v1}: one session, whatever its
     * id, holding one image, and that image's bytes; any method (deletes too) is answered alike.
     */
    public static void playYoti(WireMockServer server, String sessionId, String mediaId, byte[] image) {
        server.stubFor(any(urlPathMatching("/idverify/v1/sessions/[^/]+")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"session_id\":\"" + sessionId + "\",\"state\":\"COMPLETED\",\"checks\":[],"
                        + "\"resources\":{\"id_documents\":[{\"pages\":[{\"media\":{\"id\":\"" + mediaId
                        + "\",\"type\":\"IMAGE\"}}]}]}}")));
        server.stubFor(any(urlPathMatching("/idverify/v1/sessions/[^/]+/media/[^/]+/content"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(image)));
    }

    /** Unpacks a function.zip into a task root (emptied first) and returns it. */
    public static Path unpack(Path zip, Path taskRoot) throws IOException {
        Directories.deleteTree(taskRoot);
        Files.createDirectories(taskRoot);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = taskRoot.resolve(entry.getName()).normalize();
                if (!target.startsWith(taskRoot)) {
                    throw new IOException("An entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return taskRoot;
    }

    /**
     * A copy of a task root whose classes are all in jars: the files beside {@code lib/} become
     * {@code lib/0-task-root.jar}, first in the jars' order as the task root is first on the runtime's class path. This
     * is the container image's class path ({@link FunctionImage}), and the only kind the JDK's class-data sharing takes
     * (no directory on it that holds files); the managed runtime always puts the task root itself first.
     */
    public static Path jarred(Path taskRoot, Path copy) throws IOException {
        Directories.deleteTree(copy);
        Files.createDirectories(copy.resolve("lib"));
        try (Stream<Path> libs = Files.list(taskRoot.resolve("lib"))) {
            for (Path lib : libs.toList()) {
                Files.copy(lib, copy.resolve("lib").resolve(lib.getFileName()));
            }
        }
        try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(copy.resolve("lib/0-task-root.jar")));
                Stream<Path> files = Files.walk(taskRoot)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = taskRoot.relativize(file).toString().replace(File.separatorChar, '/');
                if (!name.startsWith("lib/")) {
                    jar.putNextEntry(new ZipEntry(name));
                    Files.copy(file, jar);
                    jar.closeEntry();
                }
            }
        }
        return copy;
    }

    private static boolean onlyJars(Path taskRoot) throws IOException {
        try (Stream<Path> top = Files.list(taskRoot)) {
            return top.allMatch(path -> path.getFileName().toString().equals("lib"));
        }
    }

    /**
     * The process that runs one function of a task root: the runtime interface client (and its serialization
     * library, as the managed runtime provides them, taken from this JVM's class path) over the task root's classes
     * (the task root, unless it holds only {@code lib/}: see {@link #jarred}) and jars, with the environment Lambda
     * sets and the given one on top.
     */
    public static ProcessBuilder process(Path taskRoot, String functionName, int runtimeApiPort,
            List<String> jvmOptions, Map<String, String> environment) throws IOException {
        List<String> classPath = new ArrayList<>();
        if (!onlyJars(taskRoot)) {
            classPath.add(taskRoot.toAbsolutePath().toString());
        }
        if (Files.isDirectory(taskRoot.resolve("lib"))) {
            try (Stream<Path> libs = Files.list(taskRoot.resolve("lib"))) {
                libs.sorted().forEach(lib -> classPath.add(lib.toAbsolutePath().toString()));
            }
        }
        runtimeJars().forEach(jar -> classPath.add(jar.toString()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(RUNTIME_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", QUARKUS_HANDLER));
        ProcessBuilder builder = new ProcessBuilder(command);
        lambdaEnvironment(builder.environment(), taskRoot.toAbsolutePath(), functionName, runtimeApiPort);
        builder.environment().putAll(environment);
        return builder.redirectErrorStream(true);
    }

    /**
     * The runtime interface client and its serialization library, as the managed runtime provides them: taken from
     * this JVM's class path (the build's pinned version).
     */
    public static List<Path> runtimeJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("aws-lambda-java-runtime-interface-client")
                    || entry.contains("aws-lambda-java-serialization")) {
                jars.add(Path.of(entry).toAbsolutePath());
            }
        }
        return jars;
    }

    /** Puts into a process's environment what Lambda sets for a 1024 MB function started on demand. */
    static void lambdaEnvironment(Map<String, String> env, Path taskRoot, String functionName, int runtimeApiPort) {
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApiPort);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", "eu-west-1");
    }

    /**
     * A minimal Lambda Runtime API: hands out queued events and collects the function's answers, noting when each
     * event was handed out and each answer came back (so a caller can tell a first invocation from a warm one). A
     * SnapStart function's {@code restore/next} (where Lambda takes the snapshot, and which returns once an instance is
     * restored from it) is answered at once, as if restored in no time, and noted: the same process then plays the
     * restored instance, with everything the init and the priming before the snapshot left in it.
     */
    public static final class RuntimeApi implements AutoCloseable {

        private static final ObjectMapper JSON = new ObjectMapper();

        private final ExecutorService executor = Executors.newCachedThreadPool();
        private final HttpServer server;
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        private final AtomicInteger credentialReads = new AtomicInteger();
        private final AtomicInteger credentialRefusals = new AtomicInteger();
        private volatile long handedOutAt;
        private volatile long restoredAt;
        private volatile Runnable onRestore = () -> { };
        private volatile Runnable beforeLaterEvents = () -> { };
        private volatile byte[] credentials;

        /** An answer: the function's response (or {@code {"runtimeError": ...}}) and how long after handing out. */
        public record Answer(JsonNode body, long nanosSinceHandedOut, long answeredAt) {
        }

        static {
            // Answers without Nagle's delay, as Lambda's own Runtime API does: otherwise each event waits ~40 ms
            // for a delayed acknowledgement, which every invocation measured here would carry.
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }

        public RuntimeApi() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/2018-06-01/runtime/", this::handle);
            server.setExecutor(executor);
            server.start();
        }

        public int port() {
            return server.getAddress().getPort();
        }

        public void queue(String event) {
            events.add(event);
        }

        /**
         * Serves the execution role's credentials the way Lambda gives them to a SnapStart function: not in
         * {@code AWS_ACCESS_KEY_ID} and its siblings, but from a container credentials endpoint on the loopback
         * interface, which answers only requests that carry the token it was given.
         *
         * @return the environment that points the AWS SDK's default credentials chain at it
         */
        public Map<String, String> containerCredentials(String accessKeyId, String secretAccessKey) {
            String token = UUID.randomUUID().toString();
            serveCredentials(accessKeyId, secretAccessKey);
            server.createContext("/credentials", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    if (!token.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        credentialRefusals.incrementAndGet();
                        exchange.sendResponseHeaders(403, -1);
                        return;
                    }
                    credentialReads.incrementAndGet();
                    byte[] document = credentials;
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, document.length);
                    exchange.getResponseBody().write(document);
                }
            });
            return Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + port() + "/credentials",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
        }

        /** From now on the container credentials endpoint serves these (the role's credentials, renewed). */
        public void serveCredentials(String accessKeyId, String secretAccessKey) {
            credentials = JSON.createObjectNode().put("AccessKeyId", accessKeyId)
                    .put("SecretAccessKey", secretAccessKey)
                    .put("Expiration", Instant.now().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS)
                            .toString())
                    .toString().getBytes(StandardCharsets.UTF_8);
        }

        /** How many times the container credentials were read with the right token, and refused without it. */
        public int credentialReads() {
            return credentialReads.get();
        }

        public int credentialRefusals() {
            return credentialRefusals.get();
        }

        /** Runs when the function asks for {@code restore/next}, before it is answered: at the snapshot's point. */
        public void onRestore(Runnable atSnapshot) {
            onRestore = atSnapshot;
        }

        /**
         * Runs before each event but the first is handed out (not counted in its time): to give each event the state
         * the first one found.
         */
        public void beforeLaterEvents(Runnable reset) {
            beforeLaterEvents = reset;
        }

        /** When the function asked for {@code restore/next} (its snapshot's point), or 0 if it has not. */
        public long restoredAt() {
            return restoredAt;
        }

        /** The next answer within this many seconds, or null. */
        public Answer answer(int seconds) throws InterruptedException {
            return answers.poll(seconds, TimeUnit.SECONDS);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.endsWith("/restore/next")) {
                onRestore.run();
                restoredAt = System.nanoTime();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            if (path.endsWith("/invocation/next")) {
                if (handedOutAt != 0) {
                    beforeLaterEvents.run();
                }
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
                // The client parses the event by its content type; without one, it fails natively.
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                handedOutAt = System.nanoTime();
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
                return;
            }
            if (path.endsWith("/response") || path.endsWith("/error")) {
                // Also init/error and restore/error: a start that failed answers with a runtime error.
                long now = System.nanoTime();
                JsonNode answer = path.endsWith("/error")
                        ? JSON.createObjectNode().put("runtimeError", new String(body, StandardCharsets.UTF_8))
                        : JSON.readTree(body);
                answers.add(new Answer(answer, now - handedOutAt, now));
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
            // A long poll for the next event may still be parked: its thread must not keep the JVM alive.
            executor.shutdownNow();
        }
    }
}
