package io.idvmedia.provider.http;

import io.idvmedia.error.IdvException;
import io.netty.channel.ConnectTimeoutException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** A REST Client answer as a {@link ProviderResponse}, and its transport failure as an {@link IOException}. */
final class RestResponses {

    private RestResponses() {
    }

    /** Invokes the client and reads its answer; a failure to get one is an IOException (a timeout a socket one). */
    static ProviderResponse exchange(Supplier<Response> invocation) throws IOException {
        Response response;
        try {
            response = invocation.get();
        } catch (ProcessingException e) {
            // A problem of ours raised while signing (a secret that cannot be read) is that problem, not a failure
            // to reach the provider.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof IdvException problem) {
                    throw problem;
                }
            }
            throw ioFailure(e);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.getStringHeaders().forEach(headers::put);
        InputStream body;
        try {
            body = response.hasEntity() ? response.readEntity(InputStream.class) : InputStream.nullInputStream();
        } catch (ProcessingException | IllegalStateException e) {
            response.close();
            throw ioFailure(e);
        }
        return new ProviderResponse(response.getStatus(), headers,
                new StrictBody(body == null ? InputStream.nullInputStream() : body, response,
                        lengthOf(headers.get("Content-Length"))));
    }

    private static long lengthOf(List<String> values) {
        if (values == null || values.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(values.get(0).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What went wrong on the way, as an IOException: a timeout anywhere in the chain is a socket timeout. */
    static IOException ioFailure(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException timeout) {
                return timeout;
            }
            if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException) {
                SocketTimeoutException timeout = new SocketTimeoutException("The provider did not answer in time");
                timeout.initCause(e);
                return timeout;
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        return new IOException("The provider call failed (" + e.getClass().getSimpleName() + ")", e);
    }

    /** A REST Client body, strict about its length; a failure while reading is an IOException whatever was thrown. */
    private static final class StrictBody extends DeclaredLengthBody {
        private final InputStream in;
        private final Response response;

        StrictBody(InputStream in, Response response, long expected) {
            super(expected);
            this.in = in;
            this.response = response;
        }

        @Override
        int readSome(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (RuntimeException e) {
                throw ioFailure(e);
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
            } finally {
                response.close();
            }
        }
    }
}
