package io.idvmedia.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Calls of an AWS JSON protocol (Secrets Manager's, SQS's): a JSON request to the service's endpoint, its operation
 * named by {@code X-Amz-Target}, signed and sent by {@link SignedHttp}. Throttling, 5xx answers and broken connections
 * are tried again, {@value SignedHttp#ATTEMPTS} attempts in all, as the SDK's standard retry mode does.
 */
public final class JsonProtocol {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling",
            "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
            "ProvisionedThroughputExceededException", "SlowDown", "PriorRequestNotComplete");

    private final String name;
    private final URI endpoint;
    private final String contentType;
    private final SignedHttp http;
    private final ObjectMapper json;

    /** A call that failed: the service's status (0 when none answered) and error type, never its message. */
    public static final class CallFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int status;
        private final String type;

        CallFailure(String why, int status, String type, Throwable cause) {
            super(why, cause);
            this.status = status;
            this.type = type;
        }

        public int status() {
            return status;
        }

        /** The error's type, a plain identifier ({@code ResourceNotFoundException}), or empty. */
        public String type() {
            return type;
        }
    }

    /**
     * @param name the service as messages name it ({@code Secrets Manager})
     * @param service the service's signing name ({@code secretsmanager})
     * @param contentType the protocol's ({@code application/x-amz-json-1.1} or {@code -1.0})
     */
    public JsonProtocol(String name, String service, URI endpoint, String region, String contentType,
            AwsCredentialsProvider credentials, ObjectMapper json) {
        this.name = name;
        this.endpoint = endpoint;
        this.contentType = contentType;
        this.http = new SignedHttp(service, region, credentials, SignedHttp.overHttp(CONNECT_TIMEOUT, READ_TIMEOUT),
                false);
        this.json = json;
    }

    /**
     * The document of the operation's answer.
     *
     * @throws CallFailure when the service refused the call or could not be reached, after trying again what may be
     * @throws software.amazon.awssdk.core.exception.SdkException when there are no credentials to sign with
     */
    public JsonNode call(String target, ObjectNode request) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new CallFailure("the request to " + name + " could not be written", 0, "", null);
        }
        SdkHttpRequest post = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("X-Amz-Target", target).putHeader("Content-Type", contentType).build();
        CallFailure last = null;
        for (int attempt = 1; attempt <= SignedHttp.ATTEMPTS; attempt++) {
            if (attempt > 1) {
                SignedHttp.pause(attempt);
            }
            SignedHttp.Answer answer;
            try {
                answer = http.send(post, Optional.of(SignedHttp.Body.of(body)));
            } catch (IOException e) {
                last = new CallFailure(name + " call failed (" + e.getClass().getSimpleName() + ")", 0, "", e);
                continue;
            }
            JsonNode document = parse(answer.body());
            if (answer.status() == 200) {
                return document;
            }
            String type = errorType(document.path("__type").asText(""), answer.header("X-Amzn-ErrorType"));
            last = new CallFailure(name + " answered " + answer.status() + (type.isEmpty() ? "" : " (" + type + ")"),
                    answer.status(), type, null);
            if (answer.status() < 500 && answer.status() != 429 && !THROTTLING.contains(type)) {
                break;
            }
        }
        throw last;
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? json.missingNode() : json.readTree(bytes);
        } catch (IOException e) {
            // Never quoted: an answer that is not JSON is reported by its status only.
            return json.missingNode();
        }
    }

    /**
     * The bare error name, from the body's {@code __type} or the {@code X-Amzn-ErrorType} header: of
     * {@code com.amazonaws.secretsmanager#ResourceNotFoundException:http://...} the middle part; empty unless it is a
     * plain identifier (the name goes into messages).
     */
    static String errorType(String body, Optional<String> header) {
        String raw = !body.isEmpty() ? body : header.orElse("");
        int hash = raw.lastIndexOf('#');
        String type = hash >= 0 ? raw.substring(hash + 1) : raw;
        int colon = type.indexOf(':');
        type = colon >= 0 ? type.substring(0, colon) : type;
        return type.matches("[A-Za-z0-9.]{1,100}") ? type : "";
    }
}
