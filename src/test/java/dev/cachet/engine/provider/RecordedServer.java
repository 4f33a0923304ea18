package dev.cachet.engine.provider;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A model server on 127.0.0.1 that replays recorded responses ({@code recordings/<provider>/*.http}),
 * one SSE event or NDJSON line per flush, and records what clients sent. It speaks HTTP/1.1 on a plain
 * socket so that a reply can misbehave the way real servers and proxies do: hold back its headers (a
 * model still loading), pause before a chunk (a reasoning model thinking), stall with the connection
 * open, stream endlessly until the client hangs up, or reset the connection mid-stream. A recording
 * whose body stops early is replayed as it is and ends cleanly, as a server that closes the stream
 * without its end marker does.
 */
public final class RecordedServer extends dev.cachet.faults.LoopbackHttpServer {

    /** A parsed recording. */
    public record Recording(int status, String reason, List<Map.Entry<String, String>> headers, List<String> chunks) {
        public static Recording load(String resource) {
            try (InputStream in = RecordedServer.class.getResourceAsStream("/recordings/" + resource)) {
                if (in == null) throw new IllegalArgumentException("no recording " + resource);
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int split = text.indexOf("\n\n");
                String[] head = text.substring(0, split).split("\n");
                String body = text.substring(split + 2);
                String[] statusLine = head[0].split(" ", 3);
                var headers = new ArrayList<Map.Entry<String, String>>();
                for (int i = 1; i < head.length; i++) {
                    int colon = head[i].indexOf(':');
                    headers.add(Map.entry(head[i].substring(0, colon).strip(), head[i].substring(colon + 1).strip()));
                }
                return new Recording(Integer.parseInt(statusLine[1]), statusLine.length > 2 ? statusLine[2] : "",
                        headers, chunk(body, headers));
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

        boolean streaming() {
            return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("content-type")
                    && (h.getValue().startsWith("text/event-stream") || h.getValue().startsWith("application/x-ndjson")));
        }
    }

    /**
     * How to play a recording.
     *
     * @param stallAfterChunks stop sending after this many chunks and keep the connection open, silent (-1: never)
     * @param repeatChunk      send the chunks before this index, then repeat it until the client hangs up (-1: never)
     * @param resetAfterChunks reset the connection (TCP RST) after this many chunks (-1: never)
     * @param headDelay        wait this long before sending the status line and headers
     * @param pauseBefore      chunk index before which to pause {@code pause} (-1: none)
     */
    public record Reply(Recording recording, int stallAfterChunks, int repeatChunk, int resetAfterChunks,
                        Duration headDelay, int pauseBefore, Duration pause) {
        public static Reply of(String resource) {
            return new Reply(Recording.load(resource), -1, -1, -1, Duration.ZERO, -1, Duration.ZERO);
        }
        public Reply stallingAfter(int chunks) {
            return new Reply(recording, chunks, repeatChunk, resetAfterChunks, headDelay, pauseBefore, pause);
        }
        /** Plays the chunks before {@code index}, then repeats chunk {@code index} until the client closes the connection. */
        public Reply endlessFrom(int index) {
            return new Reply(recording, stallAfterChunks, index, resetAfterChunks, headDelay, pauseBefore, pause);
        }
        /** Sends {@code chunks} chunks, then resets the connection: the client reads "connection reset". */
        public Reply resettingAfter(int chunks) {
            return new Reply(recording, stallAfterChunks, repeatChunk, chunks, headDelay, pauseBefore, pause);
        }
        /** Holds the status line and headers back (Ollama sends nothing until the model is loaded). */
        public Reply headersAfter(Duration delay) {
            return new Reply(recording, stallAfterChunks, repeatChunk, resetAfterChunks, delay, pauseBefore, pause);
        }
        /** Pauses before chunk {@code index} (a reasoning model's silence before its first token). */
        public Reply pausingBefore(int index, Duration delay) {
            return new Reply(recording, stallAfterChunks, repeatChunk, resetAfterChunks, headDelay, index, delay);
        }
        boolean endless() { return repeatChunk >= 0; }
    }

    /** One request the server received. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().getFirst();
            return null;
        }
    }

    private record Route(String path, String queryContains, Reply reply) { }

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseStalls = new CountDownLatch(1);
    private final CountDownLatch clientClosed = new CountDownLatch(1);
    private final CountDownLatch streamStarted = new CountDownLatch(1);

    public RecordedServer() { super("recorded-server"); }

    public String baseUrl() { return "http://127.0.0.1:" + port(); }

    /** Answers every request to {@code path} (whatever its query) with {@code reply}; the latest route for a path wins. */
    public RecordedServer route(String path, Reply reply) {
        routes.removeIf(r -> r.path().equals(path) && r.queryContains() == null);
        routes.add(new Route(path, null, reply));
        return this;
    }

    /** Answers requests to {@code path} whose query contains {@code queryPart}; checked before plain routes. */
    public RecordedServer route(String path, String queryPart, Reply reply) {
        routes.add(0, new Route(path, queryPart, reply));
        return this;
    }

    public List<Received> received() { return List.copyOf(received); }

    public Received last() { return received.getLast(); }

    /** Waits until the client closed the connection of an endless reply. */
    public boolean awaitClientClosed(long seconds) throws InterruptedException { return clientClosed.await(seconds, TimeUnit.SECONDS); }

    public boolean awaitStreamStarted(long seconds) throws InterruptedException { return streamStarted.await(seconds, TimeUnit.SECONDS); }

    /** Serves requests on one connection until either side closes it (HTTP/1.1 keep-alive). */
    @Override
    protected void serve(Socket s) {
        try {
            var in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closed()) {
                String head = readHead(in);
                if (head == null) return;
                if (!answer(s, head, in, out)) return;
            }
        } catch (IOException clientWentAway) {
            clientClosed.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers one request; false when the connection must not be reused. */
    private boolean answer(Socket s, String head, InputStream in, OutputStream out) throws IOException, InterruptedException {
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        var headers = new LinkedHashMap<String, List<String>>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        int length = 0;
        for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase("content-length")) length = Integer.parseInt(e.getValue().getFirst());
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        String target = requestLine[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        received.add(new Received(requestLine[0], path, query, Map.copyOf(headers), body));
        Reply reply = routes.stream().filter(r -> r.path().equals(path) && (r.queryContains() == null || query.contains(r.queryContains())))
                .map(Route::reply).findFirst().orElse(null);
        if (reply == null) {
            write(out, "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n");
            return true;
        }
        return play(s, reply, out);
    }

    private boolean play(Socket s, Reply reply, OutputStream out) throws IOException, InterruptedException {
        Recording r = reply.recording();
        if (reply.headDelay().isPositive()) Thread.sleep(reply.headDelay());
        var head = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(r.reason()).append("\r\n");
        r.headers().forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        boolean chunked = r.streaming() || reply.endless();
        if (chunked) {
            head.append("transfer-encoding: chunked\r\n\r\n");
            write(out, head.toString());
        } else {
            byte[] bytes = r.chunks().getFirst().getBytes(StandardCharsets.UTF_8);
            head.append("content-length: ").append(bytes.length).append("\r\n\r\n");
            write(out, head.toString());
            out.write(bytes);
            out.flush();
            return true;
        }
        if (reply.endless()) {
            for (int i = 0; i < reply.repeatChunk(); i++) chunk(out, r.chunks().get(i));
            streamStarted.countDown();
            String repeated = r.chunks().get(reply.repeatChunk());
            for (int i = 0; i < 50_000 && !closed(); i++) {
                chunk(out, repeated);
                Thread.sleep(10);
            }
            return false;
        }
        for (int i = 0; i < r.chunks().size(); i++) {
            if (i == reply.stallAfterChunks()) {
                streamStarted.countDown();
                releaseStalls.await(30, TimeUnit.SECONDS);
                return false;
            }
            if (i == reply.resetAfterChunks()) {
                Thread.sleep(200); // let the client read what was sent: an RST discards unread data on its side
                reset(s);
                return false;
            }
            if (i == reply.pauseBefore()) Thread.sleep(reply.pause());
            chunk(out, r.chunks().get(i));
        }
        endChunks(out);
        return true;
    }

    @Override public void close() {
        releaseStalls.countDown();
        super.close();
    }
}
