package io.idvmedia.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile and careless callers against the packaged application at {@code -Xmx64m}: a disconnect storm, slow
 * readers, many concurrent streams and many concurrent stagings of one media. What a request read from the provider
 * is read off the application's access log ({@code providerBytes}), transfers in progress off its readiness check,
 * and provider downloads off the provider process's own access log.
 */
final class HostileBenchmark {

    private static final Pattern LINE = Pattern.compile("operation=(\\S+) status=(\\d+) durationMs=(\\d+)"
            + " bytesSent=(\\d+) providerStatus=\\S+ providerBytes=(\\S+) outcome=(\\w+)");
    private static final long MIB = 1024 * 1024;
    private static final int STORM = 50;
    private static final int SLOW_READERS = 20;
    private static final int HOG_STREAMS = 40;
    private static final int HOG_RATE = 7 * 1024;
    private static final int STREAMS = 32;
    private static final long STREAM_SIZE = 128 * MIB;
    private static final int STAGINGS = 20;
    private static final long STALL_SECONDS = 30;

    private HostileBenchmark() {
    }

    /** The disconnect storm and the slow readers, against the running pair (the 1 GiB video). */
    static void callers(MediaBenchmark.Endpoints endpoints, Path appLog) throws Exception {
        System.out.printf(Locale.ROOT, "== hostile callers (application -Xmx64m, stall timeout %d s) ==%n",
                STALL_SECONDS);
        storm(endpoints, appLog);
        slowReaders(endpoints, appLog);
        fairShares(endpoints, appLog);
    }

    private static void storm(MediaBenchmark.Endpoints endpoints, Path appLog) throws Exception {
        long appMark = Files.size(appLog);
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(STORM);
        long started = System.nanoTime();
        try {
            List<Future<Long>> reads = new ArrayList<>();
            for (int i = 0; i < STORM; i++) {
                String path = video(i);
                String subject = "storm-" + i;
                reads.add(pool.submit(() -> readThenHangUp(endpoints, path, subject, MIB, refused)));
            }
            for (Future<Long> read : reads) {
                if (read.get() < MIB) {
                    throw new IllegalStateException("A storm client got less than 1 MiB");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double stormSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(5_000);
        int busy = activeTransfers(endpoints);
        List<Line> app = lines(appLog, appMark, "get-media").stream().filter(l -> l.status() == 200).toList();
        long aborted = app.stream().filter(l -> l.outcome().equals("aborted")).count();
        double[] read = app.stream().mapToDouble(l -> l.providerBytes() / (double) MIB).toArray();
        double mean = Arrays.stream(read).average().orElse(0);
        double max = Arrays.stream(read).max().orElse(0);
        System.out.printf(Locale.ROOT, "disconnect storm: %d clients each read 1 MiB of the 1 GiB video and hung up"
                + " (%.1f s in all; %d 503 busy answers retried after Retry-After); media read from the provider per"
                + " aborted request: mean %.2f MiB, p50 %.2f,"
                + " max %.2f (target <= 8 MiB: %s); transfers still running 5 s later: %d (target 0: %s);"
                + " 200 lines %d, aborted %d (every one aborted: %s)%n", STORM, stormSeconds, refused.get(), mean,
                MediaBenchmark.percentile(read, 50), max, max <= 8 ? "met" : "MISSED", busy,
                busy == 0 ? "met" : "MISSED", app.size(), aborted,
                aborted == STORM && app.size() == STORM ? "yes" : "NO");
    }

    /** The sandbox video of one provider or the other, by turns. */
    private static String video(int i) {
        return i % 2 == 0
                ? "/v1/yoti/sessions/" + YotiSandboxData.VIDEO + "/media/" + YotiSandboxData.VIDEO_MEDIA
                : "/v1/veriff/sessions/" + VeriffSandboxData.APPROVED + "/media/" + VeriffSandboxData.SELFIE_VIDEO;
    }

    /** The application's media transfers in progress, from its readiness check. */
    private static int activeTransfers(MediaBenchmark.Endpoints endpoints) throws Exception {
        HttpResponse<String> health = MediaBenchmark.CLIENT.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + endpoints.appPort() + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode check : new ObjectMapper().readTree(health.body()).path("checks")) {
            if (check.path("name").asText().equals("media-transfers")) {
                return check.path("data").path("active").asInt();
            }
        }
        throw new IllegalStateException("No media-transfers check in " + health.body());
    }

    /**
     * Reads the response head and {@code limit} body bytes over a plain socket, then closes it; a 503 is retried
     * after its Retry-After (counted in {@code busy}).
     */
    private static long readThenHangUp(MediaBenchmark.Endpoints endpoints, String path, String subject, long limit,
            AtomicInteger busy) throws IOException, InterruptedException {
        while (true) {
            try (Socket socket = open(endpoints, path, subject, 0)) {
                InputStream in = socket.getInputStream();
                if (head(in) == 503) {
                    busy.incrementAndGet();
                    Thread.sleep(1000);
                    continue;
                }
                byte[] buffer = new byte[64 * 1024];
                long read = 0;
                while (read < limit) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - read));
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                return read;
            }
        }
    }

    private static void slowReaders(MediaBenchmark.Endpoints endpoints, Path appLog) throws Exception {
        String session = "/v1/yoti/sessions/" + YotiSandboxData.COMPLETED;
        Supplier<HttpRequest> other = () -> endpoints.api(session);
        MediaBenchmark.latencies(other, 50);
        double[] idle = MediaBenchmark.latencies(other, 300);
        long appMark = Files.size(appLog);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(SLOW_READERS);
        try {
            List<Future<Integer>> heads = new ArrayList<>();
            for (int i = 0; i < SLOW_READERS; i++) {
                String path = video(i);
                heads.add(pool.submit(slowReader(endpoints, path, "slow-" + i, 1024, stop)));
            }
            // Other routes while the slow readers hold their connections, until the application has let them all go
            // (what the readers still get afterwards is only what the sockets had buffered).
            long started = System.nanoTime();
            long deadline = started + (STALL_SECONDS + 20) * 1_000_000_000L;
            List<Double> during = new ArrayList<>();
            Thread.sleep(2_000);
            while (activeTransfers(endpoints) > 0 && System.nanoTime() < deadline) {
                for (double ms : MediaBenchmark.latencies(other, 10)) {
                    during.add(ms);
                }
            }
            double allFreed = (System.nanoTime() - started) / 1e9;
            stop.set(true);
            long held = 0;
            for (Future<Integer> head : heads) {
                held += head.get() == 200 ? 1 : 0;
            }
            Thread.sleep(500);
            List<Line> lines = lines(appLog, appMark, "get-media");
            long inTime = lines.stream().filter(l -> l.outcome().equals("aborted")
                    && l.durationMs() <= (STALL_SECONDS + 5) * 1000).count();
            double[] busy = during.stream().mapToDouble(Double::doubleValue).toArray();
            double idleP99 = MediaBenchmark.percentile(idle, 99);
            double busyP99 = MediaBenchmark.percentile(busy, 99);
            System.out.printf(Locale.ROOT, "slow readers: %d clients at 1 KiB/s, %d let in, %d refused 503 busy;"
                    + " every transfer ended %.1f s after they began; %d of %d let in dropped (aborted) within the"
                    + " stall timeout + 5 s (%s); get-session p99 idle %.2f ms, meanwhile %.2f ms over %d calls,"
                    + " ratio %.2f (target <= 2: %s)%n", SLOW_READERS, held, SLOW_READERS - held, allFreed, inTime,
                    held, inTime == held ? "met" : "MISSED", idleP99, busyP99, busy.length, busyP99 / idleP99,
                    busyP99 / idleP99 <= 2 ? "met" : "MISSED");
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    /**
     * Reads {@code bytesPerSecond} (in ten pieces a second) until told to stop or the connection ends; answers the
     * response's status.
     */
    private static Callable<Integer> slowReader(MediaBenchmark.Endpoints endpoints, String path, String subject,
            int bytesPerSecond, AtomicBoolean stop) {
        return () -> {
            int status = 0;
            // A small receive buffer, as a phone's would be: the application feels the slow reader within seconds.
            try (Socket socket = open(endpoints, path, subject, 64 * 1024)) {
                InputStream in = socket.getInputStream();
                status = head(in);
                byte[] piece = new byte[bytesPerSecond / 10];
                while (status == 200 && !stop.get() && in.readNBytes(piece, 0, piece.length) == piece.length) {
                    Thread.sleep(100);
                }
            } catch (IOException dropped) {
                // Reset by the server: dropped.
            }
            return status;
        };
    }

    /**
     * One subject opens 40 streams of the 1 GiB video and reads each at 7 KiB/s, while another subject asks for a
     * document image: the first gets its share (a quarter of the instance's transfers), the rest of its requests 429,
     * and each of its streams is cut off once it has kept its transfer waiting a stall timeout under
     * {@code idv.http.min-rate}; the other subject's get-media answers 200 throughout, its latency compared with the
     * same calls before the hog began.
     */
    private static void fairShares(MediaBenchmark.Endpoints endpoints, Path appLog) throws Exception {
        String image = "/v1/yoti/sessions/" + YotiSandboxData.COMPLETED + "/media/" + YotiSandboxData.FRONT_PAGE;
        Supplier<HttpRequest> other = () -> endpoints.api(image, "other-subject");
        MediaBenchmark.latencies(other, 50);
        double[] idle = MediaBenchmark.latencies(other, 200);
        long appMark = Files.size(appLog);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(HOG_STREAMS);
        try {
            List<Future<Integer>> heads = new ArrayList<>();
            String video = "/v1/yoti/sessions/" + YotiSandboxData.VIDEO + "/media/" + YotiSandboxData.VIDEO_MEDIA;
            for (int i = 0; i < HOG_STREAMS; i++) {
                heads.add(pool.submit(slowReader(endpoints, video, "hog", HOG_RATE, stop)));
            }
            long started = System.nanoTime();
            long deadline = started + (STALL_SECONDS + 30) * 1_000_000_000L;
            Thread.sleep(2_000);
            int peakActive = activeTransfers(endpoints);
            List<Double> during = new ArrayList<>();
            int otherCalls = 0;
            int otherOk = 0;
            while (activeTransfers(endpoints) > 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < 10; i++) {
                    long t = System.nanoTime();
                    int status = MediaBenchmark.CLIENT.send(other.get(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    during.add((System.nanoTime() - t) / 1e6);
                    otherCalls++;
                    otherOk += status == 200 ? 1 : 0;
                }
            }
            double allFreed = (System.nanoTime() - started) / 1e9;
            stop.set(true);
            int admitted = 0;
            int refused = 0;
            for (Future<Integer> head : heads) {
                int status = head.get();
                admitted += status == 200 ? 1 : 0;
                refused += status == 429 ? 1 : 0;
            }
            Thread.sleep(500);
            // The hog's streams are the only get-media answers that end aborted (the image is answered whole).
            double[] cutSeconds = lines(appLog, appMark, "get-media").stream()
                    .filter(l -> l.status() == 200 && l.outcome().equals("aborted"))
                    .mapToDouble(l -> l.durationMs() / 1000.0).toArray();
            long cut = cutSeconds.length;
            double[] busy = during.stream().mapToDouble(Double::doubleValue).toArray();
            double idleP99 = MediaBenchmark.percentile(idle, 99);
            double busyP99 = MediaBenchmark.percentile(busy, 99);
            System.out.printf(Locale.ROOT, "fair shares: one subject opened %d streams read at %d KiB/s: %d let in"
                    + " (peak transfers %d), %d refused 429 (target: its share, a quarter of the instance's"
                    + " transfers: %s); %d of %d let in cut off under the minimum rate, after %.1f s median (max %.1f);"
                    + " all freed %.1f s after they began; another subject's get-media meanwhile: %d of %d answered"
                    + " 200 (target all: %s), p99 idle %.2f ms, meanwhile %.2f ms, ratio %.2f (target <= 2: %s)%n",
                    HOG_STREAMS, HOG_RATE / 1024, admitted, peakActive, refused,
                    admitted < HOG_STREAMS && admitted + refused == HOG_STREAMS ? "met" : "MISSED", cut, admitted,
                    MediaBenchmark.percentile(cutSeconds, 50), Arrays.stream(cutSeconds).max().orElse(0), allFreed,
                    otherOk, otherCalls, otherOk == otherCalls && otherCalls > 0 ? "met" : "MISSED", idleP99,
                    busyP99, busyP99 / idleP99, busyP99 / idleP99 <= 2 ? "met" : "MISSED");
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    /**
     * 32 concurrent streams of a 128 MiB video per provider, and 20 concurrent stagings of one media, against a pair
     * of processes of their own (the provider's video at 128 MiB).
     */
    static void concurrency(MediaBenchmark.Launcher launcher) throws Exception {
        Map<String, String> providerProps = new LinkedHashMap<>(launcher.providerProps());
        providerProps.put("idv.sandbox.video-size", String.valueOf(STREAM_SIZE));
        Map<String, String> appProps = new LinkedHashMap<>();
        appProps.put("idv.media.store", "local");
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.app.")) {
                appProps.put(k.toString().substring("bench.app.".length()), v.toString());
            }
        });
        MediaBenchmark.Pair pair = launcher.start("concurrency", providerProps, appProps);
        try {
            System.out.printf(Locale.ROOT, "== concurrency (application -Xmx64m, video %d MiB) ==%n",
                    STREAM_SIZE / MIB);
            String yoti = "/v1/yoti/sessions/" + YotiSandboxData.VIDEO + "/media/" + YotiSandboxData.VIDEO_MEDIA;
            String veriff = "/v1/veriff/sessions/" + VeriffSandboxData.APPROVED + "/media/"
                    + VeriffSandboxData.SELFIE_VIDEO;
            streams(pair, "yoti", yoti, Sandbox.sha256(GeneratedMedia.mp4(STREAM_SIZE, YotiSandboxData.VIDEO_SEED))
                    .sha256());
            streams(pair, "veriff", veriff, Sandbox.sha256(GeneratedMedia.webm(STREAM_SIZE,
                    VeriffSandboxData.VIDEO_SEED)).sha256());
            stagings(pair, yoti);
        } finally {
            pair.stop();
        }
    }

    private static void streams(MediaBenchmark.Pair pair, String label, String path, String expected)
            throws Exception {
        MediaBenchmark.RssSampler rss = new MediaBenchmark.RssSampler(pair.app().pid());
        rss.start();
        ExecutorService pool = Executors.newFixedThreadPool(STREAMS);
        long started = System.nanoTime();
        int exact = 0;
        int failed = 0;
        AtomicInteger retries = new AtomicInteger();
        try {
            List<Future<String>> digests = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                String subject = "stream-" + i;
                digests.add(pool.submit(() -> sha256(() -> pair.endpoints().api(path + "?delivery=stream", subject),
                        retries)));
            }
            for (Future<String> digest : digests) {
                try {
                    if (expected.equals(digest.get())) {
                        exact++;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                }
            }
        } finally {
            pool.shutdownNow();
            rss.stop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double peak = rss.peakKib() / 1024.0;
        System.out.printf(Locale.ROOT, "%s: %d concurrent streams of %d MiB in %.1f s (%.0f MiB/s in all);"
                + " byte-exact %d of %d, errors %d, 503 busy answers retried %d; application peak RSS %.1f MiB"
                + " (target < 400 MiB: %s)%n", label, STREAMS, STREAM_SIZE / MIB, seconds,
                STREAMS * STREAM_SIZE / (double) MIB / seconds, exact, STREAMS, failed, retries.get(), peak,
                peak < 400 ? "met" : "MISSED");
    }

    private static void stagings(MediaBenchmark.Pair pair, String path) throws Exception {
        long mark = Files.size(pair.providerLog());
        ExecutorService pool = Executors.newFixedThreadPool(STAGINGS);
        int ok = 0;
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < STAGINGS; i++) {
                statuses.add(pool.submit(() -> MediaBenchmark.CLIENT.send(pair.endpoints().api(path
                        + "?delivery=url"), HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                ok += status.get() == 200 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(500);
        long downloads = lines(pair.providerLog(), mark, "sandbox-yoti").stream()
                .filter(l -> l.bytes() >= MIB).count();
        System.out.printf(Locale.ROOT, "%d concurrent stagings of one media: %d answered with a URL; provider"
                + " downloads %d (target 1: %s)%n", STAGINGS, ok, downloads, downloads == 1 ? "met" : "MISSED");
    }

    /**
     * The SHA-256 of a streamed body; a 503 is retried after its Retry-After, as a well-behaved caller would.
     *
     * @param retries counts the 503s met
     */
    private static String sha256(Supplier<HttpRequest> requests, AtomicInteger retries) throws Exception {
        while (true) {
            HttpResponse<InputStream> response = MediaBenchmark.CLIENT.send(requests.get(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 503) {
                response.body().close();
                retries.incrementAndGet();
                Thread.sleep(1000 * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[256 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** @param receiveBuffer the socket's receive buffer; 0: the system's */
    private static Socket open(MediaBenchmark.Endpoints endpoints, String path, String subject, int receiveBuffer)
            throws IOException {
        HttpRequest request = endpoints.api(path + "?delivery=stream", subject);
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", endpoints.appPort()));
        socket.setSoTimeout(60_000);
        String head = "GET " + request.uri().getRawPath() + "?" + request.uri().getRawQuery() + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + endpoints.appPort() + "\r\nAuthorization: "
                + request.headers().firstValue("Authorization").orElseThrow()
                + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** Reads the response head; answers its status, 200, 429 or 503, and fails on any other. */
    private static int head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 8192 && !head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The response ended in its head");
            }
            head.append((char) b);
        }
        if (head.toString().startsWith("HTTP/1.1 503")) {
            return 503;
        }
        if (head.toString().startsWith("HTTP/1.1 429")) {
            return 429;
        }
        if (!head.toString().startsWith("HTTP/1.1 200")) {
            throw new IOException("Not a 200: " + head.toString().lines().findFirst().orElse(""));
        }
        return 200;
    }

    /** Access log lines written after {@code mark} for operations starting with {@code operation}. */
    private static List<Line> lines(Path log, long mark, String operation) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String text = new String(all, (int) Math.min(mark, all.length), (int) (all.length - Math.min(mark,
                all.length)), StandardCharsets.UTF_8);
        List<Line> out = new ArrayList<>();
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            if (m.group(1).startsWith(operation)) {
                out.add(new Line(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), m.group(5).equals("-") ? -1 : Long.parseLong(m.group(5)),
                        m.group(6)));
            }
        }
        return out;
    }

    /** An access log line: operation, status, duration, bytes sent, media bytes read from a provider, outcome. */
    private record Line(String operation, int status, long durationMs, long bytes, long providerBytes,
            String outcome) {
    }
}
