package io.idvmedia.bench;

import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Sandbox;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The staging half of the benchmark: get-media with {@code delivery=url} copying the sandbox video into S3Proxy
 * through the application, against uploading the same bytes straight to S3Proxy with the AWS SDK (multipart, the
 * same part size), and the latency of a cache hit.
 */
final class StagingBenchmark {

    static final int PART_SIZE = 8 * 1024 * 1024;
    /** Parts uploading at once, as in the application's staging. */
    private static final int UPLOADERS = 2;
    private static final String PROVIDER_RATE = "100M";
    private static final int PIPELINED_MIB = 512;
    private static final Pattern SHA256 = Pattern.compile("\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private StagingBenchmark() {
    }

    static void run(MediaBenchmark.Endpoints endpoints, long appPid, long videoSize, int runs, int hits, S3Client s3,
            String bucket) throws Exception {
        System.out.printf(Locale.ROOT, "-- staging to S3 (S3Proxy; the application at %s)%n", MediaBenchmark.APP_HEAP);
        String sid = YotiSandboxData.VIDEO;
        String mid = YotiSandboxData.VIDEO_MEDIA;
        String stagedKey = "staged/yoti/" + sid + "/" + mid;
        String expected = Sandbox.sha256(GeneratedMedia.mp4(videoSize, YotiSandboxData.VIDEO_SEED)).sha256();
        HttpRequest stage = endpoints.api("/v1/yoti/sessions/" + sid + "/media/" + mid + "?delivery=url");

        MediaBenchmark.RssSampler sampler = new MediaBenchmark.RssSampler(appPid);
        sampler.start();
        // One unmeasured run each way warms both paths up.
        forget(s3, bucket, stagedKey);
        String warm = stageThroughApp(stage);
        upload(s3, bucket, "baseline/video", videoSize);
        boolean exact = expected.equals(warm);
        double[] appRates = new double[runs];
        double[] sdkRates = new double[runs];
        double[] ratios = new double[runs];
        long[] cpuBefore = MediaBenchmark.cpuTicks(appPid);
        for (int i = 0; i < runs; i++) {
            forget(s3, bucket, stagedKey);
            if (i % 2 == 0) {
                appRates[i] = timed(() -> stageThroughApp(stage), videoSize);
                sdkRates[i] = timed(() -> upload(s3, bucket, "baseline/video", videoSize), videoSize);
            } else {
                sdkRates[i] = timed(() -> upload(s3, bucket, "baseline/video", videoSize), videoSize);
                appRates[i] = timed(() -> stageThroughApp(stage), videoSize);
            }
            ratios[i] = appRates[i] / sdkRates[i];
        }
        long[] cpuAfter = MediaBenchmark.cpuTicks(appPid);
        sampler.stop();
        String staged = stageThroughApp(stage);
        exact &= expected.equals(staged);
        long storedSize = s3.headObject(b -> b.bucket(bucket).key(stagedKey)).contentLength();
        exact &= storedSize == videoSize;
        System.out.printf(Locale.ROOT, "staged copy exact: %s (sha256 computed while staging %s, S3 object %d bytes)%n",
                exact ? "yes" : "NO", staged, storedSize);
        double ratio = MediaBenchmark.median(ratios);
        System.out.printf(Locale.ROOT, "throughput (median): SDK upload %.1f MiB/s, staging through get-media %.1f"
                + " MiB/s; ratio (median of paired runs) %.3f (target >= 0.70: %s)%n", MediaBenchmark.median(sdkRates),
                MediaBenchmark.median(appRates), ratio, ratio >= 0.7 ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "  runs SDK %s MiB/s; staging %s MiB/s; ratios %s%n",
                MediaBenchmark.format(sdkRates), MediaBenchmark.format(appRates), MediaBenchmark.format(ratios));
        double gib = runs * (double) videoSize / (1L << 30);
        System.out.printf(Locale.ROOT, "application CPU while staging: %.2f CPU-seconds per GiB (user %.2f,"
                + " kernel %.2f)%n", ((cpuAfter[0] - cpuBefore[0]) + (cpuAfter[1] - cpuBefore[1])) / 100.0 / gib,
                (cpuAfter[0] - cpuBefore[0]) / 100.0 / gib, (cpuAfter[1] - cpuBefore[1]) / 100.0 / gib);
        double peak = sampler.peakKib() / 1024.0;
        System.out.printf(Locale.ROOT, "application peak RSS while staging: %.1f MiB (target < 300 MiB: %s)%n", peak,
                peak < 300 ? "met" : "MISSED");

        MediaBenchmark.latencies(() -> stage, 50);
        double[] hitMs = MediaBenchmark.latencies(() -> stage, hits);
        double p50 = MediaBenchmark.percentile(hitMs, 50);
        // The floor under a cache hit: one small GET from the same S3 server, as the application makes several.
        double[] getMs = new double[hits];
        for (int i = 0; i < hits; i++) {
            long started = System.nanoTime();
            s3.getObjectAsBytes(b -> b.bucket(bucket).key(stagedKey + ".manifest.json"));
            getMs[i] = (System.nanoTime() - started) / 1e6;
        }
        double getP50 = MediaBenchmark.percentile(getMs, 50);
        System.out.printf(Locale.ROOT, "cache hit (delivery=url of a staged copy) over %d calls: p50 %.2f ms, p99 %.2f"
                + " ms (target p50 < 20 ms: %s); one GET of its manifest straight from S3Proxy p50 %.2f ms, ratio of"
                + " p50s %.2f%n", hits, p50, MediaBenchmark.percentile(hitMs, 99), p50 < 20 ? "met" : "MISSED",
                getP50, p50 / getP50);
        if (!exact) {
            throw new IllegalStateException("The staged copy is not byte-exact");
        }
    }

    /**
     * Pipelined staging against a provider throttled to a provider's rate ({@value #PROVIDER_RATE} per second, a
     * pair of processes of its own, a {@value #PIPELINED_MIB} MiB video): staging time through get-media divided by
     * the larger of downloading the video alone and uploading it alone with the AWS SDK, in the same run. Reading
     * part n+1 while part n uploads makes it about the larger; one after the other, it is their sum.
     */
    static void pipelined(MediaBenchmark.Launcher launcher, S3Client s3, String bucket, int runs) throws Exception {
        long size = PIPELINED_MIB * 1024L * 1024L;
        Map<String, String> providerProps = new LinkedHashMap<>(launcher.providerProps());
        providerProps.put("idv.sandbox.video-size", String.valueOf(size));
        providerProps.put("idv.sandbox.rate-limit", PROVIDER_RATE);
        MediaBenchmark.Pair pair = launcher.start("pipelined", providerProps, Map.of());
        try {
            System.out.printf(Locale.ROOT, "-- pipelined staging (provider at %s/s, %d MiB video, S3Proxy)%n",
                    PROVIDER_RATE, PIPELINED_MIB);
            String path = "/sessions/" + YotiSandboxData.VIDEO + "/media/" + YotiSandboxData.VIDEO_MEDIA;
            String stagedKey = "staged/yoti/" + YotiSandboxData.VIDEO + "/" + YotiSandboxData.VIDEO_MEDIA;
            HttpRequest stage = pair.endpoints().api("/v1/yoti" + path + "?delivery=url");
            String expected = Sandbox.sha256(GeneratedMedia.mp4(size, YotiSandboxData.VIDEO_SEED)).sha256();
            forget(s3, bucket, stagedKey);
            boolean exact = expected.equals(stageThroughApp(stage));
            double[] download = new double[runs];
            double[] upload = new double[runs];
            double[] staging = new double[runs];
            double[] ratios = new double[runs];
            for (int i = 0; i < runs; i++) {
                download[i] = seconds(() -> MediaBenchmark.transfer(pair.endpoints().yoti(path + "/content"), false));
                upload[i] = seconds(() -> upload(s3, bucket, "baseline/pipelined", size));
                forget(s3, bucket, stagedKey);
                staging[i] = seconds(() -> stageThroughApp(stage));
                ratios[i] = staging[i] / Math.max(download[i], upload[i]);
            }
            double ratio = MediaBenchmark.median(ratios);
            System.out.printf(Locale.ROOT, "staged copy exact: %s; download alone %.2f s, upload alone %.2f s,"
                    + " staging %.2f s (medians); staging / the larger, median of %d runs: %.3f (target <= 1.15:"
                    + " %s); staging / their sum %.3f%n", exact ? "yes" : "NO", MediaBenchmark.median(download),
                    MediaBenchmark.median(upload), MediaBenchmark.median(staging), runs, ratio,
                    ratio <= 1.15 ? "met" : "MISSED", MediaBenchmark.median(staging)
                            / (MediaBenchmark.median(download) + MediaBenchmark.median(upload)));
            System.out.printf(Locale.ROOT, "  runs download %s s; upload %s s; staging %s s; ratios %s%n",
                    MediaBenchmark.format(download), MediaBenchmark.format(upload), MediaBenchmark.format(staging),
                    MediaBenchmark.format(ratios));
            if (!exact) {
                throw new IllegalStateException("The staged copy is not byte-exact");
            }
        } finally {
            pair.stop();
        }
    }

    private static double seconds(Step step) throws Exception {
        long started = System.nanoTime();
        step.run();
        return (System.nanoTime() - started) / 1e9;
    }

    /** Removes the staged copy so that the next delivery=url stages again. */
    private static void forget(S3Client s3, String bucket, String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key + ".manifest.json"));
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    private static String stageThroughApp(HttpRequest request) throws Exception {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("delivery=url answered " + response.statusCode() + ": "
                    + response.body());
        }
        Matcher m = SHA256.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("No sha256 in " + response.body());
        }
        return m.group(1);
    }

    /**
     * What an application would do with the AWS SDK alone: the same bytes, multipart, the same part size, and as
     * many parts uploading at once as the application's staging (two), reading the next part meanwhile.
     */
    private static String upload(S3Client s3, String bucket, String key, long size) throws Exception {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("video/mp4"))
                .uploadId();
        List<Future<CompletedPart>> uploads = new ArrayList<>();
        ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADERS);
        Semaphore inFlight = new Semaphore(UPLOADERS);
        try (InputStream in = GeneratedMedia.mp4(size, YotiSandboxData.VIDEO_SEED)) {
            for (int number = 1; ; number++) {
                byte[] part = new byte[PART_SIZE];
                int n = in.readNBytes(part, 0, part.length);
                if (n == 0) {
                    break;
                }
                int partNumber = number;
                inFlight.acquire();
                uploads.add(uploaders.submit(() -> {
                    try {
                        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                                .partNumber(partNumber).contentLength((long) n),
                                RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, n), n)).eTag();
                        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<CompletedPart> parts = new ArrayList<>();
            for (Future<CompletedPart> upload : uploads) {
                parts.add(upload.get());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } finally {
            uploaders.shutdown();
        }
        return key;
    }

    private static double timed(Step step, long bytes) throws Exception {
        long started = System.nanoTime();
        step.run();
        return bytes / (1024.0 * 1024.0) / ((System.nanoTime() - started) / 1e9);
    }

    /** One measured step. */
    @FunctionalInterface
    private interface Step {
        Object run() throws Exception;
    }
}
