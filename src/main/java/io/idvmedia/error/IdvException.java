package io.idvmedia.error;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Root of every failure the functions report to a caller. The message is the problem's {@code detail}: it
 * must never carry a secret, a provider's raw body or personal data.
 */
public class IdvException extends RuntimeException {

    private final ProblemType type;
    private final Integer providerStatus;
    private final Duration retryAfter;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public IdvException(ProblemType type, String detail) {
        this(type, detail, null, null, null);
    }

    public IdvException(ProblemType type, String detail, Throwable cause) {
        this(type, detail, null, null, cause);
    }

    protected IdvException(ProblemType type, String detail, Integer providerStatus, Duration retryAfter,
            Throwable cause) {
        super(detail, cause);
        this.type = type;
        this.providerStatus = providerStatus;
        this.retryAfter = retryAfter;
    }

    public ProblemType type() {
        return type;
    }

    public OptionalInt providerStatus() {
        return providerStatus == null ? OptionalInt.empty() : OptionalInt.of(providerStatus);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Adds a member to the problem document (RFC 9457 extension), e.g. what a failed delete did remove. */
    public IdvException withExtension(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public Map<String, Object> extensions() {
        return Collections.unmodifiableMap(extensions);
    }

    /** Adds a header to the problem response, e.g. {@code Content-Range} of a 416. */
    public IdvException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }
}
