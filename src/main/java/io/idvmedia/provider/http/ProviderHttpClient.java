package io.idvmedia.provider.http;

import io.idvmedia.error.ProblemType;
import io.idvmedia.error.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Makes provider calls with bounded timeouts, retrying idempotent ones with jittered exponential backoff on connection
 * failures, 429 (honouring {@code Retry-After}) and 5xx, within a total time budget; each attempt is sent afresh by
 * its caller over this class's transport, so that it is signed afresh. A
 * response is returned as soon as its headers arrive; its body streams and is never retried once handed over. The
 * loop is our own rather than SmallRye Fault Tolerance's: it waits for a provider's {@code Retry-After} when that fits
 * the budget and passes the 429 on when it does not.
 *
 * <p>Its transport, for every call, is {@link HttpURLConnection}: blocking reads go straight from the socket into the
 * caller's buffer, and its read timeout bounds every wait, for the headers and for each piece of a body. Measured
 * here, it streams a large body with a fifth of the CPU of {@code java.net.http.HttpClient}, and with about a third of
 * the CPU of the Quarkus REST Client (see {@link ProviderCalls#openMedia}); being the JDK's, it costs a cold start
 * nothing to load (the REST Client brought Vert.x and Netty to each function's first call).
 */
@ApplicationScoped
public class ProviderHttpClient {

    private static final Logger LOG = Logger.getLogger(ProviderHttpClient.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpConfig config;
    private final Clock clock;
    private final Sleeper sleeper;

    @Inject
    public ProviderHttpClient(HttpConfig config) {
        this(config, Clock.systemUTC(), Thread::sleep);
    }

    ProviderHttpClient(HttpConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Makes a call, an attempt at a time (each one signed afresh by whatever sends it), retrying it as above. Every
     * provider call made here is idempotent (GETs and DELETEs), so every one may be retried.
     *
     * @param provider the provider's name, for messages
     * @param call sends the call once and returns the answer once its headers arrived
     */
    public ProviderResponse send(String provider, Attempt call) {
        HttpConfig.Retry retry = config.retry();
        Instant deadline = clock.instant().plus(retry.budget());
        int attempts = Math.max(1, retry.maxAttempts());
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= attempts;
            ProviderResponse response;
            try {
                response = call.send();
            } catch (SocketTimeoutException e) {
                if (last || !sleepBeforeRetry(backoff(attempt), deadline)) {
                    throw new ProviderException(ProblemType.PROVIDER_TIMEOUT,
                            provider + " did not answer within " + config.readTimeout().toMillis() + " ms", e);
                }
                LOG.debugf("%s timed out (attempt %d); retrying", provider, attempt);
                continue;
            } catch (IOException e) {
                if (last || !sleepBeforeRetry(backoff(attempt), deadline)) {
                    throw new ProviderException(ProblemType.PROVIDER_ERROR,
                            provider + " could not be reached (" + e.getClass().getSimpleName() + ")", e);
                }
                LOG.debugf("%s call failed with %s (attempt %d); retrying", provider, e.getClass().getSimpleName(),
                        attempt);
                continue;
            }
            int status = response.status();
            if (!last && isRetryable(status)) {
                Duration delay = status == 429
                        ? retryAfter(response).orElse(backoff(attempt))
                        : backoff(attempt);
                if (fitsBudget(delay, deadline)) {
                    readErrorBody(response);
                    LOG.debugf("%s answered %d (attempt %d); retrying in %d ms", provider, status, attempt,
                            delay.toMillis());
                    sleep(delay);
                    continue;
                }
            }
            return response;
        }
    }

    /**
     * Sends an idempotent call signed with the current credentials; when the provider answers 401, forgets the
     * credentials and sends once more with them read again, so that a rotated secret is picked up at once.
     *
     * @param attempt sends the call once, signed with the credentials current at that moment
     * @param forgetCredentials drops cached secrets
     */
    public ProviderResponse sendWithCredentials(String provider, Attempt attempt, Runnable forgetCredentials) {
        ProviderResponse response = send(provider, attempt);
        if (response.status() != 401) {
            return response;
        }
        readErrorBody(response);
        forgetCredentials.run();
        return send(provider, attempt);
    }

    /** Sends a call once: the answer once its headers arrived, or why there is none. */
    @FunctionalInterface
    public interface Attempt {
        ProviderResponse send() throws IOException;
    }

    /** Sends one request over this client's transport. */
    ProviderResponse exchange(ProviderRequest request) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
        connection.setRequestMethod(request.method());
        connection.setConnectTimeout((int) Math.max(1, config.connectTimeout().toMillis()));
        connection.setReadTimeout((int) Math.max(1, config.readTimeout().toMillis()));
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        request.headers().forEach(connection::setRequestProperty);
        int status;
        try {
            status = connection.getResponseCode();
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
        InputStream raw = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                headers.put(name, values);
            }
        });
        InputStream body = raw == null
                ? InputStream.nullInputStream()
                : new ResponseBody(raw, connection, connection.getContentLengthLong());
        return new ProviderResponse(status, headers, body);
    }

    /**
     * Reads a small body (an error, a session document) up to a limit; a larger one is a bad response, and one that
     * has not arrived whole within the read timeout a timeout.
     */
    public byte[] readBounded(ProviderResponse response, int limit, String provider) {
        try (InputStream in = response.body()) {
            byte[] bytes = DeclaredLengthBody.readDocument(in, limit + 1, deadline());
            if (bytes.length > limit) {
                throw new ProviderException(ProblemType.PROVIDER_BAD_RESPONSE,
                        provider + " sent a body larger than " + limit + " bytes", response.status());
            }
            return bytes;
        } catch (SocketTimeoutException e) {
            throw new ProviderException(ProblemType.PROVIDER_TIMEOUT, provider + " stopped sending its response", e);
        } catch (IOException e) {
            throw new ProviderException(ProblemType.PROVIDER_ERROR, provider + " response could not be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * Reads an error body for its code (or drains an answer's body), tolerating any failure: the status alone already
     * decides the answer. Bounded in time like any document.
     */
    public byte[] readErrorBody(ProviderResponse response) {
        try (InputStream in = response.body()) {
            return DeclaredLengthBody.readDocument(in, MAX_ERROR_BODY, deadline());
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** When a document (a session, an error) read from now must have arrived whole: one read timeout from now. */
    private long deadline() {
        return System.nanoTime() + config.readTimeout().toNanos();
    }

    /** The {@code Retry-After} header as delay-seconds or an HTTP date. */
    public Optional<Duration> retryAfter(ProviderResponse response) {
        return response.header("Retry-After").flatMap(value -> parseRetryAfter(value, clock));
    }

    static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static boolean isRetryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private Duration backoff(int attempt) {
        HttpConfig.Retry retry = config.retry();
        long cap = Math.min(retry.maxBackoff().toMillis(),
                retry.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 20)));
        // Jitter, so that callers failing together do not all come back at the same moment. Seeded from the clock at
        // each call, not from a generator made at init: instances restored from one SnapStart snapshot would share
        // that generator's sequence, and retry in step.
        return Duration.ofMillis(new SplittableRandom(System.nanoTime()).nextLong(cap / 2, cap + 1));
    }

    private boolean fitsBudget(Duration delay, Instant deadline) {
        return clock.instant().plus(delay).isBefore(deadline);
    }

    private boolean sleepBeforeRetry(Duration delay, Instant deadline) {
        if (!fitsBudget(delay, deadline)) {
            return false;
        }
        sleep(delay);
        return true;
    }

    private void sleep(Duration delay) {
        try {
            sleeper.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProblemType.PROVIDER_ERROR, "Interrupted while waiting to retry", e);
        }
    }

    /** Waits between attempts; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }
}
