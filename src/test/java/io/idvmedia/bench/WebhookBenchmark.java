package io.idvmedia.bench;

import io.idvmedia.provider.veriff.VeriffApi;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.signing.HmacSha256;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What webhooks cost and what they buy, through the application at {@code -Xmx64m} with its S3 store (S3Proxy):
 * <ul>
 *   <li>how fast a webhook is acknowledged (signature checked; a decision's job queued, in-process here), against
 *       the application's liveness route, which does nothing, in the same run;</li>
 *   <li>how long the first {@code delivery=url} of the video takes when the session was staged by its decision
 *       webhook before anyone asked, against the same request that has to stage it itself.</li>
 * </ul>
 */
final class WebhookBenchmark {

    private static final String APPROVED = VeriffSandboxData.APPROVED;
    private static final String VIDEO = VeriffSandboxData.SELFIE_VIDEO;

    private WebhookBenchmark() {
    }

    static void run(MediaBenchmark.Endpoints endpoints, String apiKey, int calls, S3Client s3, String bucket)
            throws Exception {
        System.out.printf(Locale.ROOT, "== webhooks (application -Xmx64m, jobs in-process, S3Proxy) ==%n");
        String event = "{\"id\":\"" + APPROVED + "\",\"attemptId\":\"f5c2c4d8-0000-4000-8000-000000000001\","
                + "\"feature\":\"selfid\",\"code\":7002,\"action\":\"submitted\"}";
        String decision = "{\"status\":\"success\",\"verification\":{\"id\":\"" + APPROVED
                + "\",\"code\":9001,\"status\":\"approved\"}}";
        Supplier<HttpRequest> live = () -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + endpoints.appPort() + "/q/health/live")).build();
        Supplier<HttpRequest> acknowledged = () -> webhook(endpoints, apiKey, event);
        MediaBenchmark.latencies(live, 50);
        MediaBenchmark.latencies(acknowledged, 50);
        double[] liveMs = MediaBenchmark.latencies(live, calls);
        double[] ackMs = MediaBenchmark.latencies(acknowledged, calls);
        System.out.printf(Locale.ROOT, "event webhook acknowledged, %d calls: p50 %.2f ms p99 %.2f ms; liveness route"
                + " p50 %.2f ms p99 %.2f ms; ratio of p99s %.3f; p99 under 1 s: %s%n", calls,
                MediaBenchmark.percentile(ackMs, 50), MediaBenchmark.percentile(ackMs, 99),
                MediaBenchmark.percentile(liveMs, 50), MediaBenchmark.percentile(liveMs, 99),
                MediaBenchmark.percentile(ackMs, 99) / MediaBenchmark.percentile(liveMs, 99),
                MediaBenchmark.percentile(ackMs, 99) < 1000 ? "yes" : "NO");

        // The first request for the video, staging it itself.
        removeCopies(s3, bucket);
        long started = System.nanoTime();
        expect(200, MediaBenchmark.CLIENT.send(endpoints.api(videoUrl()), HttpResponse.BodyHandlers.ofString()));
        double coldMs = (System.nanoTime() - started) / 1e6;

        // The same after the decision webhook had the session staged.
        removeCopies(s3, bucket);
        long sent = System.nanoTime();
        HttpResponse<String> queued = MediaBenchmark.CLIENT.send(webhook(endpoints, apiKey, decision),
                HttpResponse.BodyHandlers.ofString());
        double queuedMs = (System.nanoTime() - sent) / 1e6;
        expect(200, queued);
        double stagedAfterMs = awaitManifest(s3, bucket, sent);
        started = System.nanoTime();
        HttpResponse<String> warm = MediaBenchmark.CLIENT.send(endpoints.api(videoUrl()),
                HttpResponse.BodyHandlers.ofString());
        double warmMs = (System.nanoTime() - started) / 1e6;
        expect(200, warm);
        int queuedAcks = Math.min(calls, 20);
        double[] queuedAckMs = MediaBenchmark.latencies(() -> webhook(endpoints, apiKey, decision), queuedAcks);
        System.out.printf(Locale.ROOT, "decision webhook (job queued) acknowledged in %.2f ms; its job staged the"
                + " session (5 media, the video included) %.1f s after it was sent; %d more decisions (duplicates):"
                + " p50 %.2f ms p99 %.2f ms%n", queuedMs, stagedAfterMs / 1000, queuedAcks,
                MediaBenchmark.percentile(queuedAckMs, 50), MediaBenchmark.percentile(queuedAckMs, 99));
        System.out.printf(Locale.ROOT, "first delivery=url of the video: staging it within the request %.1f ms;"
                + " staged by the webhook's job beforehand %.2f ms; ratio %.4f%n", coldMs, warmMs, warmMs / coldMs);
    }

    private static String videoUrl() {
        return "/v1/veriff/sessions/" + APPROVED + "/media/" + VIDEO + "?delivery=url";
    }

    private static HttpRequest webhook(MediaBenchmark.Endpoints endpoints, String apiKey, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.appPort() + "/v1/veriff/webhooks"))
                .header("Content-Type", "application/json").header("X-AUTH-CLIENT", apiKey)
                .header(VeriffApi.SIGNATURE_HEADER, HmacSha256.sign(endpoints.veriffSecret(), bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    /** Removes the session's staged copies and manifest from the bucket, as its expiry would. */
    private static void removeCopies(S3Client s3, String bucket) {
        MediaBenchmark.deleteObjects(s3, bucket, "staged/veriff/" + APPROVED + "/");
    }

    /** Milliseconds from {@code sentNanos} until the job's session manifest is in the bucket. */
    private static double awaitManifest(S3Client s3, String bucket, long sentNanos) throws InterruptedException {
        String key = "staged/veriff/" + APPROVED + "/session.manifest.json";
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                s3.headObject(b -> b.bucket(bucket).key(key));
                return (System.nanoTime() - sentNanos) / 1e6;
            } catch (NoSuchKeyException notYet) {
                Thread.sleep(20);
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("The decision webhook's job wrote no session manifest within 10 minutes");
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }
}
