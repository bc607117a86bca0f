package io.idvmedia.testing;

import io.idvmedia.provider.sumsub.SumsubApi;
import io.idvmedia.provider.veriff.VeriffApi;
import io.idvmedia.provider.yoti.YotiRequestSigner;
import io.idvmedia.sandbox.OnfidoSandboxResource;
import io.idvmedia.sandbox.SumsubSandboxResource;
import io.idvmedia.sandbox.VeriffSandboxResource;
import io.idvmedia.sandbox.YotiSandboxResource;
import io.idvmedia.signing.HmacSha256;
import io.idvmedia.signing.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.eclipse.microprofile.config.ConfigProvider;

/** Direct, correctly signed calls to the embedded sandbox, as a baseline for what the API returns. */
public final class Sandbox {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Sandbox() {
    }

    public static String baseUrl() {
        return "http://localhost:" + port();
    }

    /** The port of the application under test. */
    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    public static HttpResponse<byte[]> yotiGet(String path) {
        return send(path, HttpResponse.BodyHandlers.ofByteArray());
    }

    public static <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> handler) {
        try {
            String pem = Files.readString(Path.of("target/sandbox/yoti-demo-key.pem"));
            YotiRequestSigner.SignedRequest signed = new YotiRequestSigner("sandbox-sdk-id", PemKeys.privateKey(pem))
                    .sign("GET", path, null);
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create(baseUrl() + YotiSandboxResource.BASE + signed.pathWithQuery()));
            signed.headers().forEach(request::header);
            return CLIENT.send(request.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A correctly signed GET to the Veriff sandbox, signing the given id as Veriff does. */
    public static HttpResponse<byte[]> veriffGet(String path, String signedId) {
        String secret = demoSecret("veriff-demo-shared-secret");
        return get(HttpRequest.newBuilder(URI.create(baseUrl() + VeriffSandboxResource.BASE + path))
                .header("X-AUTH-CLIENT", "sandbox-api-key")
                .header(VeriffApi.SIGNATURE_HEADER, HmacSha256.sign(secret, signedId)).build());
    }

    /** A GET to the Onfido sandbox with its DEMO API token, as Onfido's API is called. */
    public static HttpResponse<byte[]> onfidoGet(String path) {
        String token = demoSecret("onfido-demo-api-token");
        return get(HttpRequest.newBuilder(URI.create(baseUrl() + OnfidoSandboxResource.BASE + path))
                .header("Authorization", "Token token=" + token).build());
    }

    /** A GET to the Sumsub sandbox signed as Sumsub's API is called: app token, timestamp, signature over the path. */
    public static HttpResponse<byte[]> sumsubGet(String path) {
        return sumsubGet(path, Instant.now().getEpochSecond(), demoSecret("sumsub-demo-secret-key"));
    }

    /** As {@link #sumsubGet(String)}, signed at another time or with another key. */
    public static HttpResponse<byte[]> sumsubGet(String path, long timestamp, String secretKey) {
        String ts = String.valueOf(timestamp);
        String target = SumsubSandboxResource.BASE + path;
        return get(HttpRequest.newBuilder(URI.create(baseUrl() + target))
                .header(SumsubApi.TOKEN_HEADER, demoSecret("sumsub-demo-app-token"))
                .header(SumsubApi.TIMESTAMP_HEADER, ts)
                .header(SumsubApi.SIGNATURE_HEADER, HmacSha256.sign(secretKey, ts + "GET" + target)).build());
    }

    /** A DEMO secret the sandbox generated into target/sandbox. */
    public static String demoSecret(String file) {
        try {
            return Files.readString(Path.of("target/sandbox", file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<byte[]> get(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of a stream, read in constant memory; returns hex and the byte count. */
    public static Digest sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                total += n;
            }
            return new Digest(HexFormat.of().formatHex(digest.digest()), total);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compares two streams in constant memory; returns the offset of the first difference (or of the end of the
     * shorter one), or -1 when they are equal.
     */
    public static long firstDifference(InputStream actual, InputStream expected) throws IOException {
        byte[] a = new byte[64 * 1024];
        byte[] e = new byte[64 * 1024];
        long offset = 0;
        while (true) {
            int n = actual.readNBytes(a, 0, a.length);
            int m = expected.readNBytes(e, 0, e.length);
            int common = Math.min(n, m);
            int mismatch = Arrays.mismatch(a, 0, common, e, 0, common);
            if (mismatch >= 0) {
                return offset + mismatch;
            }
            if (n != m) {
                return offset + common;
            }
            if (n == 0) {
                return -1;
            }
            offset += n;
        }
    }

    /** A digest and the number of bytes it covers. */
    public record Digest(String sha256, long bytes) {
    }
}
