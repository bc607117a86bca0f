package io.idvmedia.api;

import io.idvmedia.error.MediaBodyException;
import io.idvmedia.transfer.StreamedCopy;
import io.netty.channel.EventLoop;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/** A streamed answer's connection on this server, as {@link StreamedCopy} needs it. */
final class VertxConnection implements StreamedCopy.Connection {

    private static final long BARRIER_WAIT_MILLIS = 5_000;

    private final RoutingContext rc;

    VertxConnection(RoutingContext rc) {
        this.rc = rc;
    }

    @Override
    public boolean closed() {
        return rc.response().closed();
    }

    @Override
    public void aborted() {
        RequestLog.aborted(rc);
    }

    @Override
    public void drop() {
        RequestLog.drop(rc);
    }

    @Override
    public void read(long bytes) {
        RequestLog.providerBytes(rc, bytes);
    }

    /**
     * Waits until the connection's event loop has run every task queued before this one, the writes handed over so
     * far among them. A write from a worker only queues a task; until the event loop has run it, the connection
     * does not count its bytes as pending, so the framework's wait for a writable connection lets the worker run
     * ahead, each queued write holding a direct buffer. With the event loops busy (32 concurrent streams on two
     * cores), that exhausted a 64 MiB heap's direct memory; with this wait, a stream holds a few hundred KiB.
     */
    @Override
    public void barrier() {
        if (rc.request().connection() instanceof ConnectionBase base) {
            EventLoop loop = base.channel().eventLoop();
            if (!loop.inEventLoop()) {
                loop.submit(() -> { }).awaitUninterruptibly(BARRIER_WAIT_MILLIS);
            }
        }
    }

    @Override
    public RuntimeException readFailed(IOException e) {
        return MediaBodyException.of(e).problem(RequestLog.abortIfStarted(rc) ? "the response was aborted"
                : "nothing was delivered");
    }
}
