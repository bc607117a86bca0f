package io.idvmedia.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} that holds at most a few network buffers and fails when the
 * provider goes silent for longer than the read timeout. The JDK's own {@code ofInputStream()} waits forever
 * once the headers have arrived, which would let a stalled provider hold a function until it is killed.
 */
final class StreamingBodySubscriber implements HttpResponse.BodySubscriber<InputStream> {

    // Enough read-ahead that the network side rarely waits for the reader, small enough to stay a few hundred KiB.
    private static final int BUFFERS_AHEAD = 8;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long idleMillis;
    private final CompletableFuture<InputStream> body;
    private volatile Flow.Subscription subscription;

    StreamingBodySubscriber(Duration idleTimeout) {
        this.idleMillis = idleTimeout.toMillis();
        this.body = CompletableFuture.completedFuture(new Body());
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(BUFFERS_AHEAD);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(new Failure(throwable));
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    private record Failure(Throwable cause) {
    }

    private final class Body extends InputStream {
        private Iterator<ByteBuffer> current;
        private ByteBuffer buffer;
        private boolean ended;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("The provider response body is closed");
            }
            if (len == 0) {
                return 0;
            }
            while (buffer == null || !buffer.hasRemaining()) {
                if (current != null && current.hasNext()) {
                    buffer = current.next();
                    continue;
                }
                if (ended) {
                    return -1;
                }
                if (current != null) {
                    current = null;
                    subscription.request(1);
                }
                Object next = take();
                if (next == END) {
                    ended = true;
                    return -1;
                }
                if (next instanceof Failure failure) {
                    ended = true;
                    throw new IOException("The provider response body failed midway", failure.cause());
                }
                @SuppressWarnings("unchecked")
                List<ByteBuffer> buffers = (List<ByteBuffer>) next;
                current = buffers.iterator();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        private Object take() throws IOException {
            Object next;
            try {
                next = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new InterruptedIOException("Interrupted while reading the provider response body");
            }
            if (next == null) {
                close();
                throw new SocketTimeoutException("The provider sent no data for " + idleMillis + " ms");
            }
            return next;
        }

        @Override
        public int available() {
            return buffer == null ? 0 : buffer.remaining();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                Flow.Subscription s = subscription;
                if (s != null && !ended) {
                    s.cancel();
                }
                queue.clear();
            }
        }
    }
}
