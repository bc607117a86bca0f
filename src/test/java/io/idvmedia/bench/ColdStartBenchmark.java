package io.idvmedia.bench;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.testing.Directories;
import io.idvmedia.testing.FunctionImage;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.LambdaEvents;
import io.idvmedia.testing.PackagedFunctions.RuntimeApi;
import io.idvmedia.testing.PackagedFunctions;
import io.idvmedia.testing.S3ProxyResource;
import io.idvmedia.testing.SecretsManagerStubs;
import io.idvmedia.testing.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Each packaged function's cold start against a Quarkus hello-world Lambda's, in one run on one machine. Every start is
 * a new JVM under the Lambda runtime interface client, with the JVM options infra/lambda.tf deploys and a 1024 MB
 * function's heap, polling a Runtime API served here; the provider is WireMock playing Yoti on loopback, and grants
 * are checked as deployed (ES256, the JWK Set, like every credential, read from Secrets Manager, which another
 * WireMock plays with Secrets Manager's JSON protocol). A start gets its first event (the cold one) and then the
 * same event again (a warm one). Runs alternate: hello world, then each function, round after round.
 *
 * <p>Other builds of the functions may be started in the same rounds: earlier function.zips, and the container image
 * the package phase built ({@link FunctionImage}), whose starts run its own JDK, archive and entry point. The same
 * starts, once each, are the image's training ({@link #train}).
 *
 * <p>Printed for each function and first-event shape: the median cold start (process start to the first answer),
 * its ratio to hello world's (target at most 1.25), and the first invocation's time against the warm one's (target: at
 * most 150 ms above it).
 */
final class ColdStartBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "11111111-1111-4111-8111-111111111111";
    private static final String MEDIA = "a1000000-0000-4000-8000-000000000001";
    private static final String ISSUER = "idv-media-bench";
    private static final String NOTIFICATION_TOKEN = "bench-notification-token";
    private static final String RECEIPTS_SECRET = "idv/receipts";
    private static final String BUCKET = "idv-media-bench";
    /** What Lambda gives a 1024 MB function's heap (about 85% of its memory). */
    private static final String HEAP = "-Xmx870m";
    private static final double RATIO_TARGET = 1.25;
    /** The name of the build started from the container image ({@code -Dbench.coldstart.image=true}). */
    private static final String IMAGE = "image";
    private static final Runnable NOTHING = () -> { };
    /**
     * -Dbench.coldstart.secrets-delay=MS: how late Secrets Manager (WireMock here, on loopback) answers each read, to
     * see what a start does with round trips longer than loopback's. 0 by default.
     */
    private static final int SECRETS_DELAY_MS = Integer.getInteger("bench.coldstart.secrets-delay", 0);
    private static final double FIRST_ABOVE_WARM_TARGET_MS = 150;

    /** More JVM options for every start, hello world's too (-Dbench.coldstart.jvm="-Xlog:class+load:file=x"). */
    private static final List<String> EXTRA_JVM_OPTIONS = Arrays.stream(
            System.getProperty("bench.coldstart.jvm", "").split(" ")).filter(o -> !o.isBlank()).toList();

    /**
     * The CPUs every start (hello world's too) may run on, as {@code taskset -c} takes them ("0", "0-1"); empty for
     * all. {@code -Dbench.coldstart.cpus=0} gives each process one core, nearer a 1024 MB function's share of a vCPU
     * than the machine's cores, while the servers the functions call (WireMock, S3Proxy) keep the others.
     */
    private static final String CPUS = System.getProperty("bench.coldstart.cpus", "").strip();

    private ColdStartBenchmark() {
    }

    /** One measured kind of start: a build's function and the first event it gets. */
    private record Start(String build, Path taskRoot, String function, String shape, String event) {

        String label() {
            return function + " (" + shape + ")" + (build.isEmpty() ? "" : " [" + build + "]");
        }

        Start in(String otherBuild, Path otherTaskRoot) {
            return new Start(otherBuild, otherTaskRoot, function, shape, event);
        }
    }

    /**
     * A start's times, and the CPU time its process had used by its second answer (-1 where unknown); under SnapStart,
     * also the time from process start to the snapshot's point ({@code restore/next}), else 0.
     */
    private record Times(long coldNanos, long firstNanos, long warmNanos, long cpuNanos, long snapshotNanos) {

        /** Under SnapStart: from the restore (imitated: no time) to the first answer. */
        long afterRestoreNanos() {
            return coldNanos - snapshotNanos;
        }
    }

    static void run(Path target, int runs) throws Exception {
        Path work = Files.createDirectories(target.resolve("bench").resolve("coldstart"));
        Map<String, Path> builds = new LinkedHashMap<>();
        Map<String, String> buildOptions = new HashMap<>();
        builds.put("", PackagedFunctions.unpack(target.resolve("function.zip"), work.resolve("function-task")));
        // -Dbench.coldstart.builds=before=/path/to/function.zip,... measures other builds of the functions (an earlier
        // commit's target/function.zip, say) in the same rounds, alternating with this one; a build written
        // name=/path/to/function.zip|OPTIONS also gets the JVM options OPTIONS (space-separated) the way Lambda passes
        // the ones infra/ deploys, in JAVA_TOOL_OPTIONS: two deployments side by side.
        for (String pair : System.getProperty("bench.coldstart.builds", "").split(",")) {
            if (pair.contains("=")) {
                String name = pair.substring(0, pair.indexOf('='));
                String zip = pair.substring(pair.indexOf('=') + 1);
                if (zip.contains("|")) {
                    buildOptions.put(name, zip.substring(zip.indexOf('|') + 1));
                    zip = zip.substring(0, zip.indexOf('|'));
                }
                builds.put(name, PackagedFunctions.unpack(Path.of(zip), work.resolve("function-task-" + name)));
            }
        }
        // -Dbench.coldstart.image=true also starts each function from the container image the build made
        // (target/function-image: its own JDK, its class-data archive, its entry point), as a build named "image".
        if (Boolean.getBoolean("bench.coldstart.image")) {
            Path rootfs = FunctionImage.rootfs(target.resolve("function-image"));
            if (!Files.isRegularFile(FunctionImage.inside(rootfs, FunctionImage.ARCHIVE))) {
                throw new IllegalStateException("No image in " + rootfs + ": run the build's package phase first");
            }
            builds.put(IMAGE, rootfs);
        }
        Path hello = PackagedFunctions.unpack(target.resolve("hello-lambda").resolve("function.zip"),
                work.resolve("hello-task"));
        // -Dbench.coldstart.snapstart=true starts every function as Lambda initializes a SnapStart version: primed
        // before the snapshot, then restored (here: the same process goes on) and given its first event.
        boolean snapStart = Boolean.getBoolean("bench.coldstart.snapstart");
        Map<String, String> initType = Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
        // The store as deployed: S3 (S3Proxy here), whose client a function builds on its first use of the store.
        // -Dbench.coldstart.store=local measures the functions with the local store instead.
        boolean s3 = !"local".equals(System.getProperty("bench.coldstart.store", "s3"));
        try (Rig rig = new Rig(target, work, s3, initType)) {
            // -Dbench.coldstart.only=get-session,list-media measures those functions only.
            List<String> only = List.of(System.getProperty("bench.coldstart.only", "").split(","));
            List<Start> starts = new ArrayList<>();
            for (Start start : rig.starts(builds.get(""))) {
                if (only.equals(List.of("")) || only.contains(start.function())) {
                    builds.forEach((name, taskRoot) -> starts.add(start.in(name, taskRoot)));
                }
            }
            Map<Start, List<Times>> measured = new LinkedHashMap<>();
            List<Times> helloTimes = new ArrayList<>();
            String helloEvent = rig.starts(builds.get("")).get(0).event();
            for (int round = 0; round <= runs; round++) {
                // Round 0 warms the disk cache and is not counted.
                Times h = start(hello, "hello", helloEvent, initType, work.resolve("hello.log"), List.of(), NOTHING);
                if (round > 0) {
                    helloTimes.add(h);
                }
                for (Start start : starts) {
                    String suffix = start.build().isEmpty() ? "" : "-" + start.build();
                    Times t = start(start.taskRoot(), "idv-media-" + start.function(), start.event(),
                            env(rig.env(), start, buildOptions),
                            work.resolve(start.function() + "-" + start.shape() + suffix + ".log"), List.of(),
                            rig.storeReset());
                    if (round > 0) {
                        measured.computeIfAbsent(start, s -> new ArrayList<>()).add(t);
                    }
                }
            }
            String store = s3 ? "S3 (S3Proxy)" : "local";
            if (snapStart) {
                reportSnapStart(runs, helloTimes, measured, store);
            } else {
                report(runs, helloTimes, measured, store);
            }
        }
    }

    /**
     * The training starts of the container image: each kind of start the benchmark measures, once, on demand, from
     * the image's root file system, each writing the classes it loaded to a list of its own
     * ({@code -XX:DumpLoadedClassList}), the archive's input. Every start must answer as it should.
     */
    static List<Path> train(Path target, Path rootfs, Path lists) throws Exception {
        Path work = Files.createDirectories(target.resolve("function-image").resolve("training"));
        Directories.deleteTree(lists);
        Files.createDirectories(lists);
        List<Path> written = new ArrayList<>();
        try (Rig rig = new Rig(target, work, true, Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"))) {
            for (Start start : rig.starts(rootfs)) {
                Path list = lists.resolve(start.function() + "-" + start.shape() + ".lst");
                start(rootfs, "idv-media-" + start.function(), start.event(), env(rig.env(), start, Map.of()),
                        work.resolve(start.function() + "-" + start.shape() + ".log"),
                        List.of("-XX:DumpLoadedClassList=" + list), rig.storeReset());
                written.add(list);
            }
        }
        return written;
    }

    /**
     * What every start talks to, as deployed: the provider (WireMock playing Yoti), Secrets Manager (WireMock) holding
     * every credential, the store (S3Proxy, or a local directory), and the environment that points a function at
     * them; and the events of each kind of start.
     */
    private static final class Rig implements AutoCloseable {

        private final WireMockServer provider = new WireMockServer(options().dynamicPort());
        private final WireMockServer secretsManager = new WireMockServer(options().dynamicPort());
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Process s3proxy;
        private final S3Client s3Client;
        private final Runnable storeReset;
        private final String grant;

        Rig(Path target, Path work, boolean s3, Map<String, String> initType) throws Exception {
            EllipticCurveJsonWebKey grantKey = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            grantKey.setKeyId("bench-1");
            Path jwks = work.resolve("grant-jwks.json");
            Files.writeString(jwks, new JsonWebKeySet(grantKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            Path signingKey = work.resolve("grant-signing-key.json");
            Files.writeString(signingKey, grantKey.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            Path yotiPem = work.resolve("yoti-key.pem");
            Files.writeString(yotiPem, TestKeys.resource("test-key-pkcs1.pem"));
            EllipticCurveJsonWebKey receiptKey = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            receiptKey.setKeyId("receipts-bench-1");

            URI s3Endpoint = null;
            if (s3) {
                int port = MediaBenchmark.freePort();
                s3proxy = MediaBenchmark.startS3Proxy(target.resolve("s3proxy").resolve("s3proxy.jar"), work, port);
                s3Endpoint = URI.create("http://127.0.0.1:" + port);
                s3Client = S3ProxyResource.client(s3Endpoint);
                MediaBenchmark.waitForS3(s3Client, s3proxy);
                s3Client.createBucket(b -> b.bucket(BUCKET));
            } else {
                s3proxy = null;
                s3Client = null;
            }
            Path localStore = Files.createDirectories(work.resolve("staged"));
            provider.start();
            // Secrets as infra/ deploys them: in Secrets Manager (played by WireMock), one JSON secret per provider.
            secretsManager.start();
            secret(secretsManager, "idv/yoti", JSON.createObjectNode().put("sdkId", "bench-sdk-id")
                    .put("privateKey", Files.readString(yotiPem)));
            secret(secretsManager, "idv/access", JSON.createObjectNode().put("jwks", Files.readString(jwks))
                    .put("signingKey", Files.readString(signingKey)));
            secret(secretsManager, "idv/webhooks", JSON.createObjectNode().put("yoti", NOTIFICATION_TOKEN));
            secret(secretsManager, RECEIPTS_SECRET,
                    (ObjectNode) JSON.readTree(receiptKey.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)));
            PackagedFunctions.playYoti(provider, SESSION, MEDIA, new byte[4096]);
            env.put("IDV_YOTI_BASE_URL", provider.baseUrl() + "/idverify/v1");
            env.put("IDV_YOTI_SDK_ID", "aws-secretsmanager:idv/yoti#sdkId");
            env.put("IDV_YOTI_PRIVATE_KEY", "aws-secretsmanager:idv/yoti#privateKey");
            env.put("IDV_YOTI_NOTIFICATION_TOKEN", "aws-secretsmanager:idv/webhooks#yoti");
            env.put("IDV_ACCESS_ISSUER", ISSUER);
            env.put("IDV_ACCESS_JWKS", "aws-secretsmanager:idv/access#jwks");
            env.put("IDV_ACCESS_SIGNING_KEY", "aws-secretsmanager:idv/access#signingKey");
            env.put("IDV_SECRETS_AWS_ENDPOINT", secretsManager.baseUrl());
            env.putAll(initType);
            // The execution role's credentials, as Lambda sets them (S3Proxy's, where it plays S3).
            env.put("AWS_ACCESS_KEY_ID", s3 ? S3ProxyResource.ACCESS_KEY : "AKIDBENCH");
            env.put("AWS_SECRET_ACCESS_KEY", s3 ? S3ProxyResource.SECRET_KEY : "bench-secret");
            if (s3) {
                // No session token: S3Proxy refuses requests that carry one.
                MediaBenchmark.s3ProxyStore(s3Endpoint, BUCKET).forEach((name, value) ->
                        env.put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
            } else {
                env.put("AWS_SESSION_TOKEN", "bench-session");
                env.put("IDV_MEDIA_LOCAL_PUBLIC_URL", "https://media.example.com");
                env.put("IDV_MEDIA_LOCAL_DIR", localStore.toString());
            }
            // More environment for every function, to measure an earlier build as it was deployed
            // (-Dbench.coldstart.env=QUARKUS_HTTP_HOST_ENABLED=false,...).
            for (String pair : System.getProperty("bench.coldstart.env", "").split(",")) {
                if (pair.contains("=")) {
                    env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            // One grant for the whole run, which may outlast a deployed grant's longest lifetime (15 minutes): the
            // functions here accept one of three hours.
            env.put("IDV_ACCESS_MAX_TTL", "3h");
            grant = Grants.builder().claim("iss", ISSUER).provider("yoti").sessions(SESSION)
                    .lifetime(0, Duration.ofHours(3).toSeconds())
                    .key(grantKey.getPrivateKey(), "bench-1", AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                    .sign();
            // Every event of every start finds the store as the first one did, empty: a function's first event and
            // its warm one then do the same work (a get-media stages its media in both), and no start finds what the
            // one before it left (a copy staged by another build, or deleted by a delete).
            S3Client bucket = s3Client;
            storeReset = s3 ? () -> MediaBenchmark.deleteObjects(bucket, BUCKET, "")
                    : () -> emptyDirectory(localStore);
        }

        Map<String, String> env() {
            return env;
        }

        Runnable storeReset() {
            return storeReset;
        }

        List<Start> starts(Path taskRoot) {
            return ColdStartBenchmark.starts(grant, taskRoot);
        }

        @Override
        public void close() throws InterruptedException {
            provider.stop();
            secretsManager.stop();
            if (s3Client != null) {
                s3Client.close();
            }
            if (s3proxy != null) {
                s3proxy.destroy();
                s3proxy.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Deletes what the local store holds, keeping its directory. */
    private static void emptyDirectory(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                Directories.deleteTree(child);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON secret as Secrets Manager's GetSecretValue answers it, {@link #SECRETS_DELAY_MS} late. */
    private static void secret(WireMockServer server, String id, ObjectNode value) {
        SecretsManagerStubs.secret(server, id, value.toString(), SECRETS_DELAY_MS);
    }

    private static List<Start> starts(String grant, Path functions) {
        List<Start> starts = new ArrayList<>();
        Map<String, String> auth = Map.of("authorization", "Bearer " + grant);
        String[][] routes = {
            {"get-session", "GET", "/v1/{provider}/sessions/{sessionId}"},
            {"list-media", "GET", "/v1/{provider}/sessions/{sessionId}/media"},
            {"get-media", "GET", "/v1/{provider}/sessions/{sessionId}/media/{mediaId}"},
            {"delete-session", "DELETE", "/v1/{provider}/sessions/{sessionId}"},
            {"delete-media", "DELETE", "/v1/{provider}/sessions/{sessionId}/media/{mediaId}"},
        };
        for (String[] route : routes) {
            String media = route[2].contains("{mediaId}") ? MEDIA : null;
            ObjectNode event = LambdaEvents.anonymousApiGateway(route[1], route[2],
                    LambdaEvents.path("yoti", SESSION, media), Map.of(), auth);
            starts.add(new Start("", functions, route[0], "api-gateway", event.toString()));
        }
        for (String[] route : routes) {
            ObjectNode direct = JSON.createObjectNode().put("provider", "yoti").put("sessionId", SESSION);
            if (route[2].contains("{mediaId}")) {
                direct.put("mediaId", MEDIA);
            }
            starts.add(new Start("", functions, route[0], "direct", direct.toString()));
        }
        starts.add(new Start("", functions, "issue-grant", "direct", "{\"provider\":\"yoti\",\"sessionIds\":[\""
                + SESSION + "\"],\"operations\":[\"get-media\"],\"subject\":\"backend-7\",\"ttlSeconds\":60}"));
        ObjectNode webhook = LambdaEvents.anonymousApiGateway("POST", "/v1/{provider}/webhooks",
                Map.of("provider", "yoti"), Map.of(), Map.of("authorization", "Bearer " + NOTIFICATION_TOKEN));
        webhook.put("body", "{\"session_id\":\"" + SESSION + "\",\"topic\":\"session_completion\"}")
                .put("isBase64Encoded", false);
        starts.add(new Start("", functions, "receive-webhook", "api-gateway", webhook.toString()));
        ObjectNode sqs = JSON.createObjectNode();
        sqs.putArray("Records").addObject().put("messageId", "m-1").put("receiptHandle", "h-1")
                .put("eventSource", "aws:sqs")
                .put("body", JSON.createObjectNode().put("provider", "yoti").put("sessionId", SESSION).toString());
        starts.add(new Start("", functions, "stage-session", "sqs", sqs.toString()));
        return starts;
    }

    /** The environment of one function's start: the common one, its handler, and its build's JVM options. */
    private static Map<String, String> env(Map<String, String> common, Start start,
            Map<String, String> buildOptions) {
        Map<String, String> functionEnv = new LinkedHashMap<>(common);
        functionEnv.put("QUARKUS_LAMBDA_HANDLER", start.function());
        if (start.function().startsWith("delete-")) {
            // As infra/ deploys the deletes: each signs its erasure receipt with a key held in Secrets Manager.
            functionEnv.put("IDV_RECEIPTS_SIGNING_KEY", "aws-secretsmanager:" + RECEIPTS_SECRET);
        }
        if (buildOptions.containsKey(start.build())) {
            functionEnv.put("JAVA_TOOL_OPTIONS", buildOptions.get(start.build()));
        }
        return functionEnv;
    }

    private static Times start(Path taskRoot, String name, String event, Map<String, String> env, Path log,
            List<String> moreJvmOptions, Runnable storeReset) throws IOException, InterruptedException {
        storeReset.run();
        try (RuntimeApi api = new RuntimeApi()) {
            api.beforeLaterEvents(storeReset);
            api.queue(event);
            api.queue(event);
            List<String> jvm = new ArrayList<>(PackagedFunctions.DEPLOYED_JVM_OPTIONS);
            jvm.add(HEAP);
            jvm.addAll(EXTRA_JVM_OPTIONS);
            jvm.addAll(moreJvmOptions);
            // A root file system is the container image's: started with its own JDK, archive and entry point.
            ProcessBuilder builder = (Files.isDirectory(FunctionImage.inside(taskRoot, FunctionImage.JAVA_HOME))
                    ? FunctionImage.process(taskRoot, name, api.port(), jvm, credentials(env, api))
                    : PackagedFunctions.process(taskRoot, name, api.port(), jvm, credentials(env, api)))
                    .redirectOutput(log.toFile());
            if (!CPUS.isEmpty()) {
                builder.command().addAll(0, List.of("taskset", "-c", CPUS));
            }
            long started = System.nanoTime();
            Process process = builder.start();
            try {
                RuntimeApi.Answer first = api.answer(120);
                RuntimeApi.Answer second = api.answer(60);
                if (first == null || second == null) {
                    throw new IllegalStateException(name + " gave no answer; see " + log);
                }
                check(name, first.body(), log);
                check(name, second.body(), log);
                long cpu = process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
                long snapshot = api.restoredAt() == 0 ? 0 : api.restoredAt() - started;
                return new Times(first.answeredAt() - started, first.nanosSinceHandedOut(),
                        second.nanosSinceHandedOut(), cpu, snapshot);
            } finally {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    /**
     * The execution role's credentials where Lambda puts them: in the environment, or for a SnapStart function (whose
     * snapshot must hold none) from the container credentials endpoint, which its first call to AWS after the restore
     * reads.
     */
    private static Map<String, String> credentials(Map<String, String> env, RuntimeApi api) {
        if (!"snap-start".equals(env.get("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            return env;
        }
        Map<String, String> snapStart = new LinkedHashMap<>(env);
        String accessKeyId = snapStart.remove("AWS_ACCESS_KEY_ID");
        String secretAccessKey = snapStart.remove("AWS_SECRET_ACCESS_KEY");
        snapStart.remove("AWS_SESSION_TOKEN");
        if (accessKeyId != null) {
            snapStart.putAll(api.containerCredentials(accessKeyId, secretAccessKey));
        }
        return snapStart;
    }

    /** A measured start counts only if it answered as it should: no runtime error, no error status. */
    private static void check(String name, JsonNode answer, Path log) {
        int status = answer.path("statusCode").asInt(200);
        if (answer.has("runtimeError") || answer.has("error") || status >= 400
                || answer.path("batchItemFailures").size() > 0) {
            throw new IllegalStateException(name + " answered " + answer + "; see " + log);
        }
    }

    private static String cpus() {
        return CPUS.isEmpty() ? "" : "; each process on CPUs " + CPUS + " only";
    }

    private static void report(int runs, List<Times> hello, Map<Start, List<Times>> measured, String store) {
        double helloCold = median(hello, Times::coldNanos);
        System.out.printf(Locale.ROOT, "%nCold starts (%d alternating runs each, medians; process start to first"
                + " answer under the runtime interface client, %s, %s; media store %s%s):%n", runs,
                String.join(" ", PackagedFunctions.DEPLOYED_JVM_OPTIONS), HEAP, store, cpus());
        System.out.printf(Locale.ROOT, "  %-44s %7.0f ms  CPU %.0f ms%n", "Quarkus hello-world Lambda", helloCold,
                median(hello, Times::cpuNanos));
        Map<String, Double> worstRatio = new LinkedHashMap<>();
        Map<String, Double> worstFirst = new LinkedHashMap<>();
        for (Map.Entry<Start, List<Times>> e : measured.entrySet()) {
            double cold = median(e.getValue(), Times::coldNanos);
            double first = median(e.getValue(), Times::firstNanos);
            double warm = median(e.getValue(), Times::warmNanos);
            double ratio = cold / helloCold;
            worstRatio.merge(e.getKey().build(), ratio, Math::max);
            worstFirst.merge(e.getKey().build(), first - warm, Math::max);
            System.out.printf(Locale.ROOT, "  %-44s %7.0f ms  ratio %.2f (target <= %.2f: %s); first invocation"
                    + " %.0f ms, warm %.1f ms (%+.0f ms); CPU %.0f ms%n", e.getKey().label(),
                    cold, ratio, RATIO_TARGET, ratio <= RATIO_TARGET ? "met" : "MISSED", first, warm, first - warm,
                    median(e.getValue(), Times::cpuNanos));
        }
        worstRatio.forEach((build, ratio) -> {
            double first = worstFirst.get(build);
            System.out.printf(Locale.ROOT, "  %sworst ratio %.2f (target <= %.2f: %s); worst first invocation %+.0f ms"
                    + " above warm (target <= %.0f: %s)%n", buildLabel(build), ratio, RATIO_TARGET,
                    ratio <= RATIO_TARGET ? "met" : "MISSED", first, FIRST_ABOVE_WARM_TARGET_MS,
                    first <= FIRST_ABOVE_WARM_TARGET_MS ? "met" : "MISSED");
        });
    }

    /** How a build's summary line begins: nothing for this build, its name in brackets for another. */
    private static String buildLabel(String build) {
        return build.isEmpty() ? "" : "[" + build + "] ";
    }

    /**
     * Under SnapStart the restore itself (Lambda loading the snapshot) is not imitated, so no ratio to hello world is
     * printed: what is, is how long the init took up to the snapshot (priming included) and how far the first event
     * after the restore is from a warm one (the same target, at most 150 ms above it).
     */
    private static void reportSnapStart(int runs, List<Times> hello, Map<Start, List<Times>> measured, String store) {
        System.out.printf(Locale.ROOT, "%nSnapStart (%d alternating runs each, medians; init to the snapshot's point,"
                + " then the restored process's first answer; the restore itself is not imitated; %s, %s;"
                + " media store %s%s):%n", runs, String.join(" ", PackagedFunctions.DEPLOYED_JVM_OPTIONS), HEAP, store,
                cpus());
        System.out.printf(Locale.ROOT, "  %-44s init %5.0f ms; after restore %4.0f ms to the first answer%n",
                "Quarkus hello-world Lambda", median(hello, Times::snapshotNanos),
                median(hello, Times::afterRestoreNanos));
        Map<String, Double> worstFirst = new LinkedHashMap<>();
        for (Map.Entry<Start, List<Times>> e : measured.entrySet()) {
            // From the restore, so that what the runtime hooks run after it counts too.
            double restored = median(e.getValue(), Times::afterRestoreNanos);
            double first = median(e.getValue(), Times::firstNanos);
            double warm = median(e.getValue(), Times::warmNanos);
            worstFirst.merge(e.getKey().build(), restored - warm, Math::max);
            System.out.printf(Locale.ROOT, "  %-44s init %5.0f ms; after restore %4.0f ms to the first answer"
                    + " (%+.0f ms above a warm answer, %.1f ms); first invocation %.0f ms%n", e.getKey().label(),
                    median(e.getValue(), Times::snapshotNanos), restored, restored - warm, warm, first);
        }
        worstFirst.forEach((build, w) -> System.out.printf(Locale.ROOT, "  %sworst first answer after a restore"
                + " %+.0f ms above warm (target <= %.0f: %s)%n", buildLabel(build), w, FIRST_ABOVE_WARM_TARGET_MS,
                w <= FIRST_ABOVE_WARM_TARGET_MS ? "met" : "MISSED"));
    }

    private static double median(List<Times> times, ToLongFunction<Times> field) {
        long[] values = times.stream().mapToLong(field).sorted().toArray();
        int n = values.length;
        double nanos = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
        return nanos / 1_000_000.0;
    }
}
