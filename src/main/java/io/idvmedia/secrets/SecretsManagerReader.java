package io.idvmedia.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.endpoints.SecretsManagerEndpointProvider;

/**
 * Secrets Manager's {@code GetSecretValue}, one signed JSON request over the JDK's HTTP client: the AWS SDK's
 * credentials providers, its Signature Version 4 signer and its endpoint rules for Secrets Manager, without its
 * client pipeline, which a function would load (about a thousand classes, a few hundred milliseconds of a cold start)
 * for this one call. Throttling, 5xx answers and broken connections are tried again, three attempts in all with
 * jittered exponential back-off, as the SDK's standard retry mode does.
 */
final class SecretsManagerReader {

    static final String TARGET = "secretsmanager.GetSecretValue";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int ATTEMPTS = 3;
    private static final long BASE_DELAY_MILLIS = 100;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling",
            "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
            "ProvisionedThroughputExceededException", "SlowDown", "PriorRequestNotComplete");

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final ObjectMapper json;

    SecretsManagerReader(URI endpoint, String region, AwsCredentialsProvider credentials, ObjectMapper json) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.json = json;
    }

    /**
     * The region from {@code idv.secrets.aws.region} or the SDK's lookup ({@code AWS_REGION}, which Lambda sets, then
     * the profile and the instance's metadata); the endpoint from {@code idv.secrets.aws.endpoint} or Secrets
     * Manager's endpoint rules for that region (its partition's domain); the credentials from the environment where
     * Lambda puts them, else the SDK's default chain.
     */
    static SecretsManagerReader configured(SecretsConfig.Aws aws, ObjectMapper json) {
        String region = aws.region().orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion().id());
        URI endpoint = aws.endpoint().orElseGet(() -> SecretsManagerEndpointProvider.defaultProvider()
                .resolveEndpoint(p -> p.region(Region.of(region))).join().url());
        AwsCredentialsProvider credentials = System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
        return new SecretsManagerReader(endpoint, region, credentials, json);
    }

    /**
     * The secret's current {@code SecretString}.
     *
     * @throws SecretUnavailableException naming the error's type (never its message, which may quote the ARN)
     */
    String secretString(SecretReference reference) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(json.createObjectNode().put("SecretId", reference.location()));
        } catch (IOException e) {
            throw new SecretUnavailableException(reference, "the request could not be written", null);
        }
        Failure last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            Answer answer;
            try {
                answer = exchange(body);
            } catch (IOException e) {
                last = new Failure("Secrets Manager call failed (" + e.getClass().getSimpleName() + ")", true, e);
                continue;
            } catch (SdkException e) {
                throw new SecretUnavailableException(reference, "no AWS credentials or region ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            if (answer.status() == 200) {
                JsonNode value = answer.document().path("SecretString");
                if (!value.isTextual()) {
                    throw new SecretUnavailableException(reference, "the secret has no string value", null);
                }
                return value.textValue();
            }
            last = failure(answer);
            if (!last.retryable()) {
                break;
            }
        }
        throw new SecretUnavailableException(reference, last.why(), last.cause());
    }

    private Answer exchange(byte[] body) throws IOException {
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("X-Amz-Target", TARGET).putHeader("Content-Type", CONTENT_TYPE).build();
        SdkHttpRequest signed = signer.sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        HttpURLConnection connection = (HttpURLConnection) signed.getUri().toURL().openConnection();
        try {
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            // The JDK sets Host from the URL, as it was signed.
            signed.forEachHeader((name, values) -> {
                if (!"Host".equalsIgnoreCase(name)) {
                    connection.setRequestProperty(name, String.join(",", values));
                }
            });
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            byte[] bytes = in == null ? new byte[0] : readAll(in);
            return new Answer(status, parse(bytes), Optional.ofNullable(connection.getHeaderField("X-Amzn-ErrorType")));
        } finally {
            connection.disconnect();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? json.missingNode() : json.readTree(bytes);
        } catch (IOException e) {
            // Never quoted: an answer that is not JSON is reported by its status only.
            return json.missingNode();
        }
    }

    /** What an error answer means: its type ({@code __type} or {@code X-Amzn-ErrorType}) and whether to try again. */
    static Failure failure(Answer answer) {
        String type = errorType(answer.document().path("__type").asText(""), answer.errorTypeHeader());
        boolean retryable = answer.status() >= 500 || answer.status() == 429 || THROTTLING.contains(type);
        String why;
        if ("ResourceNotFoundException".equals(type)) {
            why = "no such secret";
        } else if (type.isEmpty()) {
            why = "Secrets Manager answered " + answer.status();
        } else {
            why = "Secrets Manager answered " + answer.status() + " (" + type + ")";
        }
        return new Failure(why, retryable, null);
    }

    /**
     * The bare error name, from {@code __type} or the header: of
     * {@code com.amazonaws.secretsmanager#ResourceNotFoundException:http://...} the middle part.
     */
    static String errorType(String body, Optional<String> header) {
        String raw = !body.isEmpty() ? body : header.orElse("");
        int hash = raw.lastIndexOf('#');
        String name = hash >= 0 ? raw.substring(hash + 1) : raw;
        int colon = name.indexOf(':');
        name = colon >= 0 ? name.substring(0, colon) : name;
        // Only a plain identifier is kept: the name goes into messages.
        return name.matches("[A-Za-z0-9]{1,100}") ? name : "";
    }

    private static void pause(int attempt) {
        long ceiling = BASE_DELAY_MILLIS << (attempt - 2);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Answer(int status, JsonNode document, Optional<String> errorTypeHeader) {
    }

    record Failure(String why, boolean retryable, Throwable cause) {
    }
}
