package dev.cachet.engine.semantic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server speaking Ollama's {@code POST /api/embed} with a cost per call (like a model server:
 * ~20 ms of fixed overhead, a little per text) and a bounded number of calls served at once. For the
 * micro-batching bench only; vectors are derived from the text so repeated texts agree.
 */
public final class FakeEmbeddingServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicLong calls = new AtomicLong();

    public FakeEmbeddingServer(Duration perCall, Duration perText, int parallel, int dimension) throws IOException {
        var slots = new Semaphore(parallel);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/embed", ex -> {
            try (ex) {
                var body = JSON.readTree(ex.getRequestBody());
                var input = body.path("input");
                calls.incrementAndGet();
                slots.acquireUninterruptibly();
                try {
                    Thread.sleep(perCall.plus(perText.multipliedBy(input.size())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    slots.release();
                }
                var out = JSON.createObjectNode();
                out.put("model", body.path("model").asText());
                var embeddings = out.putArray("embeddings");
                for (var text : input) {
                    var v = embeddings.addArray();
                    long h = text.asText().hashCode();
                    for (int i = 0; i < dimension; i++) {
                        h = h * 6364136223846793005L + 1442695040888963407L;
                        v.add((h >>> 40) / (double) (1L << 24) - 0.5);
                    }
                }
                byte[] bytes = JSON.writeValueAsString(out).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    public String baseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    public long calls() { return calls.get(); }

    @Override public void close() { server.stop(0); }
}
