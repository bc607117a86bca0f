package io.idvmedia.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * AWS requests signed with the AWS SDK's Signature Version 4 signer (its credentials providers too) and exchanged
 * over the JDK's HTTP client: what a call needs of the SDK, without its client pipeline, model classes and
 * interceptors, which a function would load (a thousand classes and more, most of a second of a cold start) for a few
 * calls. Callers try an answer again as the SDK's standard retry mode does: {@value #ATTEMPTS} attempts in all, with
 * jittered exponential back-off ({@link #pause}).
 */
public final class SignedHttp {

    /** Attempts of one call, the first included. */
    public static final int ATTEMPTS = 3;
    private static final long BASE_DELAY_MILLIS = 100;

    private final String service;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final Transport transport;
    private final boolean s3;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** A request's body: a slice of an array, read as many times as it is signed and sent. */
    public record Body(byte[] bytes, int offset, int length) {

        public static Body of(byte[] bytes) {
            return new Body(bytes, 0, bytes.length);
        }

        InputStream stream() {
            return new ByteArrayInputStream(bytes, offset, length);
        }
    }

    /** An answer: its status, its headers (looked up whatever their case) and its whole body. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /** Sends a signed request and reads its whole answer. */
    @FunctionalInterface
    public interface Transport {
        Answer exchange(SdkHttpRequest signed, Optional<Body> body) throws IOException;
    }

    /**
     * @param s3 whether the service is S3, whose signatures encode paths once and as they are, and whose payloads are
     *        left unsigned over HTTPS (as the SDK's S3 client does; TLS protects them, and a part then needs no hashing
     *        before it is sent)
     */
    public SignedHttp(String service, String region, AwsCredentialsProvider credentials, Transport transport,
            boolean s3) {
        this.service = service;
        this.region = region;
        this.credentials = credentials;
        this.transport = transport;
        this.s3 = s3;
    }

    /** The credentials Lambda puts in the environment where they are there, else the SDK's default chain. */
    public static AwsCredentialsProvider defaultCredentials() {
        return System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }

    /**
     * The region configured, else the SDK's lookup ({@code AWS_REGION}, which Lambda sets, then the profile and the
     * instance's metadata).
     */
    public static String region(Optional<String> configured) {
        return configured.orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion().id());
    }

    /** The JDK's HTTP client, with these timeouts, as the transport. */
    public static Transport overHttp(Duration connectTimeout, Duration readTimeout) {
        return (signed, body) -> exchange(signed, body, (int) connectTimeout.toMillis(), (int) readTimeout.toMillis());
    }

    /**
     * Signs the request and sends it.
     *
     * @throws IOException when no answer came (a connection failed or timed out)
     * @throws software.amazon.awssdk.core.exception.SdkException when there are no credentials to sign with
     */
    public Answer send(SdkHttpRequest request, Optional<Body> body) throws IOException {
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SdkHttpRequest signed = signer.sign(r -> {
            properties(r.identity(identity).request(request));
            body.ifPresent(b -> {
                ContentStreamProvider payload = b::stream;
                r.payload(payload);
            });
            if (s3) {
                r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !"https".equals(request.protocol()));
            }
        }).request();
        return transport.exchange(signed, body);
    }

    /** The request signed in its query, valid for {@code ttl} from the clock's now: a presigned URL's request. */
    public SdkHttpRequest presign(SdkHttpRequest request, Duration ttl, Clock clock) {
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        return signer.sign(r -> properties(r.identity(identity).request(request))
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, ttl)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)).request();
    }

    private <B extends SignRequest.Builder<AwsCredentialsIdentity>> B properties(B request) {
        request.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region);
        if (s3) {
            request.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
        }
        return request;
    }

    /** Waits before the given attempt (2 or more): jittered, doubling from {@value #BASE_DELAY_MILLIS} ms. */
    public static void pause(int attempt) {
        long ceiling = BASE_DELAY_MILLIS << (attempt - 2);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Answer exchange(SdkHttpRequest signed, Optional<Body> body, int connectTimeoutMillis,
            int readTimeoutMillis) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) signed.getUri().toURL().openConnection();
        try {
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setRequestMethod(signed.method().name());
            // A signed request goes where it was signed for, or nowhere: a redirect is an answer like any other.
            connection.setInstanceFollowRedirects(false);
            // The JDK sets Host from the URL, as it was signed, and Content-Length from the body.
            signed.forEachHeader((name, values) -> {
                if (!"Host".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                    connection.setRequestProperty(name, String.join(",", values));
                }
            });
            boolean sends = body.isPresent() || "PUT".equals(signed.method().name())
                    || "POST".equals(signed.method().name());
            if (sends) {
                // A PUT or a POST says its length even when it has no body: S3 refuses one without (411).
                int length = body.map(Body::length).orElse(0);
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(length);
                try (OutputStream out = connection.getOutputStream()) {
                    if (body.isPresent()) {
                        out.write(body.get().bytes(), body.get().offset(), length);
                    }
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            byte[] bytes;
            if (in == null) {
                bytes = new byte[0];
            } else {
                try (in) {
                    bytes = in.readAllBytes();
                }
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            connection.getHeaderFields().forEach((name, values) -> {
                if (name != null) {
                    headers.put(name, values);
                }
            });
            return new Answer(status, headers, bytes);
        } catch (IOException | RuntimeException e) {
            // Closed; an answer read whole leaves its connection to the JDK's keep-alive cache for the next call.
            connection.disconnect();
            throw e;
        }
    }
}
