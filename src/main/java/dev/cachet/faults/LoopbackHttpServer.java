package dev.cachet.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain-socket HTTP/1.1 server on 127.0.0.1, one virtual thread per connection: the base of servers that
 * must misbehave the way real ones do on the wire (hold their headers back, cut a chunked body, reset the
 * connection), which an HTTP server library would not let them do.
 */
public abstract class LoopbackHttpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    protected LoopbackHttpServer(String name) {
        try {
            socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name(name + "-accept").start(() -> acceptLoop(name));
    }

    public int port() { return socket.getLocalPort(); }

    protected boolean closed() { return closed; }

    /** Serves one connection (on its own virtual thread) until either side closes it; the socket is closed after. */
    protected abstract void serve(Socket s);

    private void acceptLoop(String name) {
        while (!closed) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                Thread.ofVirtual().name(name + "-conn").start(() -> {
                    try (s) {
                        serve(s);
                    } catch (IOException ignored) {
                        // closing a connection that is gone already
                    } finally {
                        connections.remove(s);
                    }
                });
            } catch (IOException e) {
                if (!closed) throw new UncheckedIOException(e);
            }
        }
    }

    @Override public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the connection may be gone already
            }
        }
    }

    /** The request line and headers, without the blank line; null at end of stream. */
    public static String readHead(InputStream in) throws IOException {
        var buf = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            buf.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) {
                String text = buf.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    /** One chunk of a chunked body, flushed: the client sees it at once. */
    public static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length).toLowerCase(Locale.ROOT) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The last chunk: the body ends cleanly. */
    public static void endChunks(OutputStream out) throws IOException { write(out, "0\r\n\r\n"); }

    public static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Closes with SO_LINGER 0: the peer gets a TCP RST, as when a server process dies or a proxy drops the stream. */
    public static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }
}
