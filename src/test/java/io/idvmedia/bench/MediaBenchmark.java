package io.idvmedia.bench;

import io.idvmedia.provider.veriff.VeriffApi;
import io.idvmedia.provider.yoti.YotiRequestSigner;
import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.VeriffSandboxResource;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.sandbox.YotiSandboxResource;
import io.idvmedia.signing.HmacSha256;
import io.idvmedia.signing.PemKeys;
import io.idvmedia.testing.Directories;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.S3ProxyResource;
import io.idvmedia.testing.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Measures get-media and get-session through the packaged application against the same requests made straight to
 * the provider, in one run on one machine, for Yoti and for Veriff. Two processes of the sandbox-enabled build are
 * started: one plays the providers (the sandboxes), the other is the application under test with a 64 MiB heap.
 * Prints throughputs and their ratio, the application's CPU and peak RSS while media passes through it, and the
 * added latency of get-session. Then, with S3Proxy started too, staging to S3 ({@link StagingBenchmark}).
 *
 * <p>Run with {@code ./mvnw -Pbench package}. Arguments: the packaged runner jar (its {@code lib/} beside it), the
 * video size, the number of measured runs, the number of get-session calls.
 */
public final class MediaBenchmark {

    static final String APP_HEAP = "-Xmx64m";
    private static final String SDK_ID = "sandbox-sdk-id";
    private static final String API_KEY = "sandbox-api-key";
    private static final String BUCKET = "idv-media-bench";
    private static final String GRANT_ISSUER = "idv-media-bench";
    private static final double MIB = 1024.0 * 1024.0;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private MediaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        long videoSize = Long.parseLong(args[1]);
        int runs = Integer.parseInt(args[2]);
        int sessionCalls = Integer.parseInt(args[3]);
        String parts = args.length > 4 ? args[4] : "all";
        Path target = jar.getParent();
        if (parts.equals("all") || parts.contains("digest")) {
            DigestBenchmark.run(Math.min(runs, 5));
            if (parts.equals("digest")) {
                return;
            }
        }
        if (parts.equals("all") || parts.contains("coldstart")) {
            ColdStartBenchmark.run(target, Math.min(runs, 5));
            if (parts.equals("coldstart")) {
                return;
            }
        }
        Path work = Files.createDirectories(target.resolve("bench"));
        Path key = work.resolve("yoti-demo-key.pem");
        Path secret = work.resolve("veriff-demo-shared-secret");
        // The application checks grants as deployed: ES256, a JWK Set file, an issuer.
        EllipticCurveJsonWebKey grantKey = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        grantKey.setKeyId("bench-1");
        Path jwks = work.resolve("grant-jwks.json");
        Files.writeString(jwks, new JsonWebKeySet(grantKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));

        Map<String, String> providerProps = new LinkedHashMap<>();
        providerProps.put("idv.sandbox.video-size", String.valueOf(videoSize));
        providerProps.put("idv.sandbox.demo-key-file", key.toString());
        providerProps.put("idv.sandbox.veriff.demo-shared-secret-file", secret.toString());
        Process s3proxy = null;
        S3Client s3 = null;
        Pair pair = null;
        Process openApp = null;
        try {
            int s3Port = freePort();
            s3proxy = startS3Proxy(target.resolve("s3proxy").resolve("s3proxy.jar"), work, s3Port);
            URI s3Endpoint = URI.create("http://127.0.0.1:" + s3Port);
            s3 = S3ProxyResource.client(s3Endpoint);
            waitForS3(s3, s3proxy);
            s3.createBucket(b -> b.bucket(BUCKET));
            Map<String, String> appProps = new LinkedHashMap<>();
            appProps.put("idv.yoti.sdk-id", SDK_ID);
            appProps.put("idv.yoti.private-key", "file:" + key);
            appProps.put("idv.veriff.api-key", API_KEY);
            appProps.put("idv.veriff.shared-secret", "file:" + secret);
            appProps.put("idv.sandbox.demo-key-file", key.toString());
            appProps.put("idv.sandbox.veriff.demo-shared-secret-file", secret.toString());
            appProps.put("idv.sandbox.video-size", "1024");
            appProps.putAll(s3ProxyStore(s3Endpoint, BUCKET));
            appProps.put("aws.accessKeyId", S3ProxyResource.ACCESS_KEY);
            appProps.put("aws.secretAccessKey", S3ProxyResource.SECRET_KEY);
            appProps.put("idv.access.issuer", GRANT_ISSUER);
            appProps.put("idv.access.jwks", "file:" + jwks);
            Launcher launcher = new Launcher(jar, work, providerProps, appProps, key, secret, grantKey);
            pair = launcher.start("", providerProps, Map.of());
            // Its twin in the open mode, the baseline of what checking grants costs.
            int openPort = freePort();
            Map<String, String> openProps = new LinkedHashMap<>(pair.appProps());
            openProps.put("quarkus.http.port", String.valueOf(openPort));
            openProps.put("idv.access.mode", "open");
            openApp = start(jar, APP_HEAP, openProps, work.resolve("app-open.log"));
            waitHealthy(openPort, openApp);
            Endpoints endpoints = pair.endpoints();
            Process app = pair.app();
            if (parts.equals("all") || parts.contains("media")) {
                run(endpoints, app.pid(), videoSize, runs, sessionCalls);
            }
            if (parts.equals("all") || parts.contains("export")) {
                ExportBenchmark.run(endpoints, app.pid(), videoSize, runs);
            }
            if (parts.equals("all") || parts.contains("access")) {
                access(endpoints, openPort, sessionCalls);
            }
            if (parts.equals("all") || parts.contains("staging")) {
                StagingBenchmark.run(endpoints, app.pid(), videoSize, runs, sessionCalls, s3, BUCKET);
            }
            if (parts.equals("all") || parts.contains("staging") || parts.contains("pipelined")) {
                StagingBenchmark.pipelined(launcher, s3, BUCKET, Math.min(runs, 5));
            }
            if (parts.equals("all") || parts.contains("webhooks")) {
                WebhookBenchmark.run(endpoints, API_KEY, sessionCalls, s3, BUCKET);
            }
            if (parts.equals("all") || parts.contains("hostile") || parts.contains("callers")) {
                HostileBenchmark.callers(endpoints, work.resolve("app.log"));
            }
            if (parts.equals("all") || parts.contains("hostile") || parts.contains("concurrency")) {
                HostileBenchmark.concurrency(launcher);
            }
        } finally {
            if (s3 != null) {
                s3.close();
            }
            if (s3proxy != null) {
                s3proxy.destroy();
                s3proxy.waitFor();
            }
            if (openApp != null) {
                openApp.destroy();
                openApp.waitFor();
            }
            if (pair != null) {
                pair.stop();
            }
        }
    }

    private static void run(Endpoints endpoints, long appPid, long videoSize, int runs, int sessionCalls)
            throws Exception {
        System.out.printf(Locale.ROOT, "== idv-media-functions media benchmark ==%n");
        System.out.printf(Locale.ROOT, "video %d bytes (%.2f GiB), %d measured runs each way, application %s,"
                + " %d cores%n", videoSize, videoSize / MIB / 1024, runs, APP_HEAP,
                Runtime.getRuntime().availableProcessors());

        String yotiVideo = "/sessions/" + YotiSandboxData.VIDEO + "/media/" + YotiSandboxData.VIDEO_MEDIA;
        boolean yotiExact = media("yoti (mp4)", appPid, videoSize, runs,
                Sandbox.sha256(GeneratedMedia.mp4(videoSize, YotiSandboxData.VIDEO_SEED)).sha256(),
                () -> endpoints.yoti(yotiVideo + "/content"),
                () -> endpoints.api("/v1/yoti" + yotiVideo + "?delivery=stream"));
        String veriffVideo = VeriffSandboxData.SELFIE_VIDEO;
        boolean veriffExact = media("veriff (webm, response HMAC checked while streaming)", appPid, videoSize, runs,
                Sandbox.sha256(GeneratedMedia.webm(videoSize, VeriffSandboxData.VIDEO_SEED)).sha256(),
                () -> endpoints.veriff("/media/" + veriffVideo, veriffVideo),
                () -> endpoints.api("/v1/veriff/sessions/" + VeriffSandboxData.APPROVED + "/media/" + veriffVideo
                        + "?delivery=stream"));

        String yotiSession = "/sessions/" + YotiSandboxData.COMPLETED;
        latency("yoti get-session", sessionCalls, () -> endpoints.yoti(yotiSession),
                () -> endpoints.api("/v1/yoti" + yotiSession));
        String veriffSession = VeriffSandboxData.APPROVED;
        latency("veriff get-session", sessionCalls,
                () -> endpoints.veriff("/sessions/" + veriffSession + "/decision", veriffSession),
                () -> endpoints.api("/v1/veriff/sessions/" + veriffSession));
        if (!yotiExact || !veriffExact) {
            throw new IllegalStateException("The media did not arrive byte-exact");
        }
    }

    /**
     * What the access gate costs: get-session through the application that verifies an ES256 grant on every call,
     * against its twin in the open mode, in alternating rounds so that both see the same machine. Twice: with a new
     * grant on every call (each one's signature is checked), and with one grant reused (as a frontend does for the
     * requests of a page; a verified grant is remembered).
     */
    private static void access(Endpoints endpoints, int openPort, int calls) throws Exception {
        System.out.printf(Locale.ROOT, "-- access: grant verification (ES256, JWK Set file) vs the open mode%n");
        for (String provider : List.of("yoti", "veriff")) {
            String path = "/v1/" + provider + "/sessions/" + (provider.equals("yoti") ? YotiSandboxData.COMPLETED
                    : VeriffSandboxData.APPROVED);
            Supplier<HttpRequest> open = () -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + openPort
                    + path)).build();
            HttpRequest reused = endpoints.api(path);
            compare(provider + " get-session, a new grant every call", () -> endpoints.api(path), open, calls);
            compare(provider + " get-session, one grant reused", () -> reused, open, calls);
        }
    }

    private static void compare(String label, Supplier<HttpRequest> granted, Supplier<HttpRequest> open, int calls)
            throws Exception {
        // Both processes are warmed alike, then measured in alternating rounds, alternating which goes first.
        for (int i = 0; i < 3; i++) {
            latencies(granted, 300);
            latencies(open, 300);
        }
        int rounds = 10;
        double[] grantMs = new double[0];
        double[] openMs = new double[0];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                grantMs = concat(grantMs, latencies(granted, calls / rounds));
                openMs = concat(openMs, latencies(open, calls / rounds));
            } else {
                openMs = concat(openMs, latencies(open, calls / rounds));
                grantMs = concat(grantMs, latencies(granted, calls / rounds));
            }
        }
        double added = percentile(grantMs, 50) - percentile(openMs, 50);
        System.out.printf(Locale.ROOT, "%s, %d calls each: grant p50 %.3f ms p99 %.2f ms; open p50 %.3f ms p99 %.2f"
                + " ms; verification added p50 %.3f ms (target <= 1 ms: %s), ratio of p50s %.3f%n", label,
                grantMs.length, percentile(grantMs, 50), percentile(grantMs, 99), percentile(openMs, 50),
                percentile(openMs, 99), added, added <= 1.0 ? "met" : "MISSED",
                percentile(grantMs, 50) / percentile(openMs, 50));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** One video straight from the provider and through get-media: exactness, throughputs, CPU and RSS. */
    private static boolean media(String label, long appPid, long videoSize, int runs, String expected,
            Supplier<HttpRequest> direct, Supplier<HttpRequest> proxied) throws Exception {
        System.out.printf(Locale.ROOT, "-- %s%n", label);
        Transfer directCheck = transfer(direct.get(), true);
        RssSampler sampler = new RssSampler(appPid);
        sampler.start();
        Transfer proxiedCheck = transfer(proxied.get(), true);
        boolean exact = expected.equals(directCheck.sha256) && expected.equals(proxiedCheck.sha256)
                && directCheck.bytes == videoSize && proxiedCheck.bytes == videoSize;
        System.out.printf(Locale.ROOT, "byte-exact: %s (sha256 %s, direct %d bytes, through get-media %d bytes)%n",
                exact ? "yes" : "NO", expected, directCheck.bytes, proxiedCheck.bytes);

        // One unmeasured run each way warms both paths up. Then runs alternate which way goes first, and each
        // proxied run is compared with the direct run next to it, so that the machine's slower and faster moments
        // weigh on both sides alike.
        transfer(direct.get(), false);
        transfer(proxied.get(), false);
        double[] directRates = new double[runs];
        double[] proxiedRates = new double[runs];
        double[] ratios = new double[runs];
        long[] appCpuBefore = cpuTicks(appPid);
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                directRates[i] = transfer(direct.get(), false).mibPerSecond();
                proxiedRates[i] = transfer(proxied.get(), false).mibPerSecond();
            } else {
                proxiedRates[i] = transfer(proxied.get(), false).mibPerSecond();
                directRates[i] = transfer(direct.get(), false).mibPerSecond();
            }
            ratios[i] = proxiedRates[i] / directRates[i];
        }
        long[] appCpuAfter = cpuTicks(appPid);
        sampler.stop();
        double gib = runs * (double) videoSize / (1L << 30);
        double userPerGib = (appCpuAfter[0] - appCpuBefore[0]) / 100.0 / gib;
        double systemPerGib = (appCpuAfter[1] - appCpuBefore[1]) / 100.0 / gib;
        double ratio = median(ratios);
        System.out.printf(Locale.ROOT, "throughput (median): direct %.1f MiB/s, through get-media %.1f MiB/s;"
                + " ratio (median of paired runs) %.3f (target >= 0.80: %s)%n", median(directRates),
                median(proxiedRates), ratio, ratio >= 0.8 ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "  runs direct %s MiB/s; through get-media %s MiB/s; ratios %s%n",
                format(directRates), format(proxiedRates), format(ratios));
        System.out.printf(Locale.ROOT, "application CPU while streaming: %.2f CPU-seconds per GiB (user %.2f,"
                + " kernel %.2f)%n", userPerGib + systemPerGib, userPerGib, systemPerGib);
        double peak = sampler.peakKib() / 1024.0;
        System.out.printf(Locale.ROOT, "application peak RSS while streaming: %.1f MiB (target < 300 MiB: %s);"
                + " VmHWM since start %.1f MiB%n", peak, peak < 300 ? "met" : "MISSED",
                RssSampler.read(appPid, "VmHWM:") / 1024.0);
        return exact;
    }

    /** Sequential calls straight to the provider and through the API, after a warm-up of each. */
    private static void latency(String label, int calls, Supplier<HttpRequest> direct, Supplier<HttpRequest> api)
            throws Exception {
        latencies(direct, 50);
        latencies(api, 50);
        double[] directMs = latencies(direct, calls);
        double[] apiMs = latencies(api, calls);
        System.out.printf(Locale.ROOT, "%s over %d calls: direct p50 %.2f ms p99 %.2f ms; through the API"
                + " p50 %.2f ms p99 %.2f ms; added p50 %.2f ms p99 %.2f ms%n", label, calls,
                percentile(directMs, 50), percentile(directMs, 99), percentile(apiMs, 50), percentile(apiMs, 99),
                percentile(apiMs, 50) - percentile(directMs, 50), percentile(apiMs, 99) - percentile(directMs, 99));
    }

    static Transfer transfer(HttpRequest request, boolean hash) throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " for " + request.uri().getPath());
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (hash) {
                    digest.update(buffer, 0, n);
                }
                total += n;
            }
        }
        long nanos = System.nanoTime() - started;
        return new Transfer(total, nanos, hash ? HexFormat.of().formatHex(digest.digest()) : null);
    }

    static double[] latencies(Supplier<HttpRequest> requests, int calls) throws Exception {
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            HttpRequest request = requests.get();
            long started = System.nanoTime();
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            ms[i] = (System.nanoTime() - started) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " for " + request.uri().getPath());
            }
        }
        return ms;
    }

    /** User and kernel CPU time of a process, in clock ticks (100 per second on Linux). */
    static long[] cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }

    static double median(double[] values) {
        return percentile(values, 50);
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String format(double[] values) {
        List<String> out = new ArrayList<>();
        for (double v : values) {
            out.add(String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v));
        }
        return String.join(", ", out);
    }

    private static Process start(Path jar, String heap, Map<String, String> props, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(heap.split(" ")));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void waitHealthy(int port, Process process) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("A benchmark process exited early; see target/bench/*.log");
            }
            try {
                if (CLIENT.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Port " + port + " did not become healthy");
    }

    /** The settings of an S3 store played by S3Proxy, as configuration properties. */
    static Map<String, String> s3ProxyStore(URI endpoint, String bucket) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("idv.media.store", "s3");
        props.put("idv.media.s3.bucket", bucket);
        props.put("idv.media.s3.endpoint", endpoint.toString());
        props.put("idv.media.s3.region", "us-east-1");
        props.put("idv.media.s3.path-style", "true");
        // S3Proxy refuses server-side encryption headers.
        props.put("idv.media.s3.server-side-encryption", "none");
        return props;
    }

    static Process startS3Proxy(Path jar, Path work, int port) throws IOException {
        Path data = work.resolve("s3data");
        Directories.deleteTree(data);
        Files.createDirectories(data);
        Path config = work.resolve("s3proxy.conf");
        Files.write(config, List.of("s3proxy.endpoint=http://127.0.0.1:" + port, "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + S3ProxyResource.ACCESS_KEY, "s3proxy.credential=" + S3ProxyResource.SECRET_KEY,
                "jclouds.provider=filesystem", "jclouds.filesystem.basedir=" + data.toAbsolutePath()));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toString(), "--properties", config.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("s3proxy.log").toFile()).start();
    }

    /** Deletes every object of the bucket under the prefix ("" for all of them). */
    static void deleteObjects(S3Client s3, String bucket, String prefix) {
        for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
            List<ObjectIdentifier> keys = page.contents().stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            if (!keys.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys)));
            }
        }
    }

    static void waitForS3(S3Client s3, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited; see target/bench/s3proxy.log");
            }
            try {
                s3.listBuckets();
                return;
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("S3Proxy did not start");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    record Transfer(long bytes, long nanos, String sha256) {
        double mibPerSecond() {
            return bytes / MIB / (nanos / 1e9);
        }
    }

    /**
     * Starts a provider process (the sandboxes) and an application at {@code -Xmx64m} pointed at it, on free ports,
     * logging to {@code target/bench/provider{name}.log} and {@code app{name}.log}.
     */
    record Launcher(Path jar, Path work, Map<String, String> providerProps, Map<String, String> appProps,
            Path yotiKeyFile, Path veriffSecretFile, EllipticCurveJsonWebKey grantKey) {

        Pair start(String name, Map<String, String> provider, Map<String, String> appOverrides) throws Exception {
            int providerPort = freePort();
            String providerUrl = "http://127.0.0.1:" + providerPort;
            Map<String, String> providerAll = new LinkedHashMap<>(provider);
            providerAll.put("quarkus.http.port", String.valueOf(providerPort));
            providerAll.put("idv.media.local.public-url", providerUrl);
            Path providerLog = work.resolve("provider" + name + ".log");
            // The provider stand-in serves up to fifty media bodies at once in the hostile part: room for their
            // network buffers (it is not the process under test).
            Process providerProcess = MediaBenchmark.start(jar, "-Xmx512m -XX:MaxDirectMemorySize=2g", providerAll,
                    providerLog);
            Process app = null;
            try {
                waitHealthy(providerPort, providerProcess);
                int appPort = freePort();
                Map<String, String> appAll = new LinkedHashMap<>(appProps);
                appAll.put("quarkus.http.port", String.valueOf(appPort));
                appAll.put("idv.yoti.base-url", providerUrl + YotiSandboxResource.BASE);
                appAll.put("idv.veriff.base-url", providerUrl + VeriffSandboxResource.BASE);
                appAll.put("idv.media.local.public-url", "http://127.0.0.1:" + appPort);
                Path staged = work.resolve("staged" + name);
                Directories.deleteTree(staged);
                appAll.put("idv.media.local.dir", staged.toString());
                appAll.putAll(appOverrides);
                app = MediaBenchmark.start(jar, APP_HEAP, appAll, work.resolve("app" + name + ".log"));
                waitHealthy(appPort, app);
                // The provider wrote its demo key and secret on its first start.
                return new Pair(providerProcess, app, providerLog, appAll, new Endpoints(providerUrl, appPort,
                        PemKeys.privateKey(Files.readString(yotiKeyFile)), Files.readString(veriffSecretFile).strip(),
                        grantKey));
            } catch (Exception e) {
                for (Process process : new Process[] {app, providerProcess}) {
                    if (process != null) {
                        process.destroy();
                    }
                }
                throw e;
            }
        }
    }

    /** A running provider process and the application pointed at it. */
    record Pair(Process provider, Process app, Path providerLog, Map<String, String> appProps, Endpoints endpoints) {
        void stop() throws InterruptedException {
            for (Process process : new Process[] {app, provider}) {
                if (process != null) {
                    process.destroy();
                    process.waitFor();
                }
            }
        }
    }

    /** Builds requests to the providers (signed, as the application would) and to the application. */
    record Endpoints(String providerUrl, int appPort, PrivateKey yotiKey, String veriffSecret,
            EllipticCurveJsonWebKey grantKey) {
        HttpRequest yoti(String path) {
            YotiRequestSigner.SignedRequest signed = new YotiRequestSigner(SDK_ID, yotiKey).sign("GET", path, null);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(providerUrl + YotiSandboxResource.BASE
                    + signed.pathWithQuery()));
            signed.headers().forEach(request::header);
            return request.build();
        }

        HttpRequest veriff(String path, String signedId) {
            return HttpRequest.newBuilder(URI.create(providerUrl + VeriffSandboxResource.BASE + path))
                    .header("X-AUTH-CLIENT", API_KEY)
                    .header(VeriffApi.SIGNATURE_HEADER, HmacSha256.sign(veriffSecret, signedId)).build();
        }

        /** A request to the application, with a fresh grant for the route's provider and session. */
        HttpRequest api(String pathWithQuery) {
            return api(pathWithQuery, "bench-user");
        }

        /** As {@link #api(String)}, for a subject of the benchmark's choosing (each subject has its own share). */
        HttpRequest api(String pathWithQuery, String subject) {
            String grant = Grants.builder().claim("iss", GRANT_ISSUER).claim("sub", subject)
                    .provider(pathWithQuery.split("/")[2]).sessions(pathWithQuery.split("/")[4].split("\\?")[0])
                    .key(grantKey.getPrivateKey(), grantKey.getKeyId(),
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256).sign();
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + pathWithQuery))
                    .header("Authorization", "Bearer " + grant).build();
        }
    }

    /** Samples a process's resident set size from /proc while media flows. */
    static final class RssSampler {
        private final long pid;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        RssSampler(long pid) {
            this.pid = pid;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(read(pid, "VmRSS:"), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peakKib() {
            return peak.get();
        }

        static long read(long pid, String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith(field)) {
                        return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
            return 0;
        }
    }
}
