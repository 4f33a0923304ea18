package dev.cachet.engine.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A model server on 127.0.0.1 that replays recorded responses ({@code recordings/<provider>/*.http}),
 * one SSE event or NDJSON line per flush, and records what clients sent. A reply can stall after
 * some chunks (the connection stays open, silent) or stream endlessly until the client hangs up.
 */
public final class RecordedServer implements AutoCloseable {

    /** A parsed recording. */
    public record Recording(int status, List<Map.Entry<String, String>> headers, List<String> chunks) {
        static Recording load(String resource) {
            try (InputStream in = RecordedServer.class.getResourceAsStream("/recordings/" + resource)) {
                if (in == null) throw new IllegalArgumentException("no recording " + resource);
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int split = text.indexOf("\n\n");
                String[] head = text.substring(0, split).split("\n");
                String body = text.substring(split + 2);
                int status = Integer.parseInt(head[0].split(" ")[1]);
                var headers = new ArrayList<Map.Entry<String, String>>();
                for (int i = 1; i < head.length; i++) {
                    int colon = head[i].indexOf(':');
                    headers.add(Map.entry(head[i].substring(0, colon).strip(), head[i].substring(colon + 1).strip()));
                }
                return new Recording(status, headers, chunk(body, headers));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SSE: one event (ending in a blank line) per chunk; NDJSON: one line per chunk; else the whole body. */
        private static List<String> chunk(String body, List<Map.Entry<String, String>> headers) {
            String type = headers.stream().filter(h -> h.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue).findFirst().orElse("");
            var out = new ArrayList<String>();
            if (type.startsWith("text/event-stream")) {
                for (String event : body.split("(?<=\n\n)")) if (!event.isBlank()) out.add(event);
            } else if (type.startsWith("application/x-ndjson")) {
                for (String line : body.split("(?<=\n)")) if (!line.isBlank()) out.add(line);
            } else {
                out.add(body);
            }
            return out;
        }
    }

    /** How to play a recording. */
    public record Reply(Recording recording, int stallAfterChunks, int repeatChunk) {
        public static Reply of(String resource) { return new Reply(Recording.load(resource), -1, -1); }
        Reply stallingAfter(int chunks) { return new Reply(recording, chunks, -1); }
        /** Plays the chunks before {@code index}, then repeats chunk {@code index} until the client closes the connection. */
        Reply endlessFrom(int index) { return new Reply(recording, -1, index); }
        boolean endless() { return repeatChunk >= 0; }
    }

    /** One request the server received. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().getFirst();
            return null;
        }
    }

    private final HttpServer server;
    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseStalls = new CountDownLatch(1);
    private volatile CountDownLatch clientClosed = new CountDownLatch(1);
    private volatile CountDownLatch streamStarted = new CountDownLatch(1);

    public RecordedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    public RecordedServer route(String path, Reply reply) {
        routes.put(path, reply);
        return this;
    }

    public List<Received> received() { return List.copyOf(received); }

    Received last() { return received.getLast(); }

    /** Waits until the client closed the connection of an endless reply. */
    boolean awaitClientClosed(long seconds) throws InterruptedException { return clientClosed.await(seconds, TimeUnit.SECONDS); }

    boolean awaitStreamStarted(long seconds) throws InterruptedException { return streamStarted.await(seconds, TimeUnit.SECONDS); }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
        Reply reply = routes.get(ex.getRequestURI().getPath());
        if (reply == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        Recording r = reply.recording();
        r.headers().forEach(h -> ex.getResponseHeaders().add(h.getKey(), h.getValue()));
        boolean streaming = r.chunks().size() > 1 || reply.endless();
        ex.sendResponseHeaders(r.status(), streaming ? 0 : r.chunks().getFirst().getBytes(StandardCharsets.UTF_8).length);
        OutputStream out = ex.getResponseBody();
        try {
            if (reply.endless()) {
                for (int i = 0; i < reply.repeatChunk(); i++) write(out, r.chunks().get(i));
                streamStarted.countDown();
                String repeated = r.chunks().get(reply.repeatChunk());
                for (int i = 0; i < 50_000; i++) {
                    write(out, repeated);
                    Thread.sleep(10);
                }
                return;
            }
            for (int i = 0; i < r.chunks().size(); i++) {
                if (i == reply.stallAfterChunks()) {
                    streamStarted.countDown();
                    releaseStalls.await(30, TimeUnit.SECONDS);
                    return;
                }
                write(out, r.chunks().get(i));
            }
            ex.close();
        } catch (IOException clientWentAway) {
            clientClosed.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String chunk) throws IOException {
        out.write(chunk.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override public void close() {
        releaseStalls.countDown();
        server.stop(0);
    }
}
