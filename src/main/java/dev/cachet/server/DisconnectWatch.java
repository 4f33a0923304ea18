package dev.cachet.server;

import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Notices a client that closes its connection while its request is still being answered, so that the
 * pipeline call (and the model call under it) is cancelled rather than paid for. HTTP/1.1 servers read
 * nothing while a handler runs, so a close is otherwise seen only at the next write, which for a
 * non-streaming answer is the end. Once the body has been read, this registers read interest on the
 * connection: end-of-stream means the client is gone. Bytes a client sends before its answer (HTTP
 * pipelining, which no LLM client does) are consumed here, so such a connection is closed after the answer.
 * {@link #close()} withdraws the interest before the response completes, when the server's own read
 * interest for the next request takes over.
 */
final class DisconnectWatch implements AutoCloseable {

    private static final Throwable WITHDRAWN = new IOException("watch withdrawn") {
        @Override public synchronized Throwable fillInStackTrace() { return this; }
    };

    private final AbstractEndPoint endPoint;
    private final Runnable onDisconnect;
    private final ByteBuffer probe = ByteBuffer.allocate(256);
    private volatile boolean done;
    private volatile boolean sawBytes;

    private final Callback readable = new Callback() {
        @Override public void succeeded() {
            if (done) return;
            try {
                probe.clear().flip(); // Jetty fills in "flush mode": position..limit holds the data
                int n = endPoint.fill(probe);
                if (n < 0) disconnected();
                else if (n > 0) sawBytes = true;
                else if (!done) endPoint.tryFillInterested(this);
            } catch (IOException e) {
                disconnected();
            }
        }

        @Override public void failed(Throwable x) {
            if (x != WITHDRAWN) disconnected();
        }

        @Override public InvocationType getInvocationType() { return InvocationType.NON_BLOCKING; }
    };

    private DisconnectWatch(AbstractEndPoint endPoint, Runnable onDisconnect) {
        this.endPoint = endPoint;
        this.onDisconnect = onDisconnect;
    }

    /** Starts watching; a connection that cannot be watched (not a socket) gets a watch that does nothing. */
    static DisconnectWatch start(Request request, Runnable onDisconnect) {
        EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
        if (!(ep instanceof AbstractEndPoint socket)) return new DisconnectWatch(null, onDisconnect);
        var watch = new DisconnectWatch(socket, onDisconnect);
        if (!socket.tryFillInterested(watch.readable)) watch.done = true;
        return watch;
    }

    private void disconnected() {
        if (done) return;
        done = true;
        onDisconnect.run();
    }

    /** Whether the client sent bytes before its answer (the connection should then be closed after it). */
    boolean clientSentMore() { return sawBytes; }

    @Override public void close() {
        if (done || endPoint == null) return;
        done = true;
        endPoint.getFillInterest().onFail(WITHDRAWN);
    }
}
