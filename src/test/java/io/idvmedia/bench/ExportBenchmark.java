package io.idvmedia.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.sandbox.GeneratedMedia;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Sandbox;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The export part: a session holding the 1 GiB video exported through the application as one streamed ZIP, against
 * the sum of the get-media downloads of every media item it lists (what an integrator does without export-session),
 * in alternating runs on the same application (64 MiB heap). Printed: the ratio of their times (target >= 0.9), the
 * application's CPU per GiB of each and their ratio (target <= 1.3), and its peak RSS (target < 300 MiB).
 */
final class ExportBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double GIB = 1024.0 * 1024 * 1024;

    private ExportBenchmark() {
    }

    static void run(MediaBenchmark.Endpoints endpoints, long appPid, long videoSize, int runs) throws Exception {
        System.out.printf(Locale.ROOT, "-- export: a session with a %.2f GiB video as one streamed ZIP vs the sum of"
                + " its get-media downloads, %d runs each, application %s%n", videoSize / GIB, runs,
                MediaBenchmark.APP_HEAP);
        session("yoti (the video and a face image)", endpoints, appPid, runs, "yoti", YotiSandboxData.VIDEO,
                YotiSandboxData.VIDEO_MEDIA, Sandbox.sha256(GeneratedMedia.mp4(videoSize, YotiSandboxData.VIDEO_SEED))
                        .sha256());
        session("veriff (five items, every response HMAC checked)", endpoints, appPid, runs, "veriff",
                VeriffSandboxData.APPROVED, VeriffSandboxData.SELFIE_VIDEO, Sandbox.sha256(GeneratedMedia.webm(
                        videoSize, VeriffSandboxData.VIDEO_SEED)).sha256());
    }

    private static void session(String label, MediaBenchmark.Endpoints endpoints, long appPid, int runs,
            String provider, String sessionId, String videoId, String videoSha) throws Exception {
        String base = "/v1/" + provider + "/sessions/" + sessionId;
        List<HttpRequest> items = new ArrayList<>();
        JsonNode index = JSON.readTree(MediaBenchmark.CLIENT.send(endpoints.api(base + "/media"),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        for (JsonNode item : index.path("media")) {
            items.add(endpoints.api(base + "/media/" + item.path("id").asText() + "?delivery=stream"));
        }
        HttpRequest export = endpoints.api(base + "/export?delivery=stream");
        String exact = check(export, videoId, videoSha);
        System.out.printf(Locale.ROOT, "%s: %d media items; the export's video is byte-exact and every file"
                + " matches its manifest: %s%n", label, items.size(), exact);

        // One unmeasured round warms both up; then the rounds alternate which goes first.
        downloads(items);
        MediaBenchmark.transfer(export, false);
        MediaBenchmark.RssSampler sampler = new MediaBenchmark.RssSampler(appPid);
        sampler.start();
        double[] ratios = new double[runs];
        double[] exportSeconds = new double[runs];
        double[] mediaSeconds = new double[runs];
        long exportCpu = 0;
        long mediaCpu = 0;
        long exportBytes = 0;
        long mediaBytes = 0;
        for (int i = 0; i < runs; i++) {
            for (int side = 0; side < 2; side++) {
                boolean exporting = (i + side) % 2 == 0;
                long[] before = MediaBenchmark.cpuTicks(appPid);
                MediaBenchmark.Transfer done = exporting ? MediaBenchmark.transfer(export, false) : downloads(items);
                long[] after = MediaBenchmark.cpuTicks(appPid);
                long ticks = after[0] - before[0] + after[1] - before[1];
                if (exporting) {
                    exportSeconds[i] = done.nanos() / 1e9;
                    exportCpu += ticks;
                    exportBytes += done.bytes();
                } else {
                    mediaSeconds[i] = done.nanos() / 1e9;
                    mediaCpu += ticks;
                    mediaBytes += done.bytes();
                }
            }
            ratios[i] = mediaSeconds[i] / exportSeconds[i];
        }
        sampler.stop();
        double ratio = MediaBenchmark.median(ratios);
        double exportPerGib = exportCpu / 100.0 / (exportBytes / GIB);
        double mediaPerGib = mediaCpu / 100.0 / (mediaBytes / GIB);
        double cpuRatio = exportPerGib / mediaPerGib;
        double peak = sampler.peakKib() / 1024.0;
        System.out.printf(Locale.ROOT, "time (median): export %.2f s, sum of get-media %.2f s; ratio get-media/export"
                + " (median of paired runs) %.3f (target >= 0.9: %s)%n", MediaBenchmark.median(exportSeconds),
                MediaBenchmark.median(mediaSeconds), ratio, ratio >= 0.9 ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "  runs export %s s; get-media %s s; ratios %s%n",
                MediaBenchmark.format(exportSeconds), MediaBenchmark.format(mediaSeconds),
                MediaBenchmark.format(ratios));
        System.out.printf(Locale.ROOT, "application CPU: export %.2f CPU-seconds per GiB, get-media %.2f; ratio %.2f"
                + " (target <= 1.3: %s)%n", exportPerGib, mediaPerGib, cpuRatio, cpuRatio <= 1.3 ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "application peak RSS while exporting and downloading: %.1f MiB (target < 300"
                + " MiB: %s)%n", peak, peak < 300 ? "met" : "MISSED");
    }

    /** Every media item through get-media, one after the other: their bytes and total time. */
    private static MediaBenchmark.Transfer downloads(List<HttpRequest> items) throws Exception {
        long bytes = 0;
        long nanos = 0;
        for (HttpRequest item : items) {
            MediaBenchmark.Transfer done = MediaBenchmark.transfer(item, false);
            bytes += done.bytes();
            nanos += done.nanos();
        }
        return new MediaBenchmark.Transfer(bytes, nanos, null);
    }

    /** Exports once into a file and checks it: every file's SHA-256 as its manifest says, the video's as expected. */
    private static String check(HttpRequest export, String videoId, String videoSha) throws Exception {
        Path file = Files.createTempFile("export-bench-", ".zip");
        try {
            HttpResponse<Path> response = MediaBenchmark.CLIENT.send(export, HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " for the export");
            }
            try (ZipFile zip = new ZipFile(file.toFile())) {
                JsonNode manifest;
                try (InputStream in = zip.getInputStream(zip.getEntry("manifest.json"))) {
                    manifest = JSON.readTree(in);
                }
                boolean videoExact = false;
                for (JsonNode entry : manifest.path("entries")) {
                    ZipEntry named = zip.getEntry(entry.path("path").asText());
                    try (InputStream in = zip.getInputStream(named)) {
                        String sha = Sandbox.sha256(in).sha256();
                        if (!sha.equals(entry.path("sha256").asText())) {
                            return "NO (" + entry.path("path").asText() + ")";
                        }
                        videoExact |= videoId.equals(entry.path("mediaId").asText()) && sha.equals(videoSha);
                    }
                }
                int files = Collections.list(zip.entries()).size();
                return videoExact && files == manifest.path("entries").size() + 1 ? "yes" : "NO";
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
