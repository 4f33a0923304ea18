package dev.cachet.engine.semantic;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a loopback server answering in the documented Ollama and OpenAI embedding formats. */
class HttpEmbedderTest {

    HttpServer server;
    final AtomicReference<String> lastBody = new AtomicReference<>();
    final AtomicReference<String> lastAuth = new AtomicReference<>();

    String start(String path, int status, String response) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, ex -> {
            lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = response.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach void stop() { if (server != null) server.stop(0); }

    @Test
    void ollama_batchInOneCall() throws Exception {
        String url = start("/api/embed", 200, """
                {"model":"nomic-embed-text","embeddings":[[3,4],[0,2]],"total_duration":1200,"prompt_eval_count":6}""");
        var e = new HttpEmbedder(HttpEmbedder.Api.OLLAMA, url, "nomic-embed-text", null, Duration.ofSeconds(5));
        var out = e.embedAll(List.of("one", "two"));
        assertThat(out.get(0)).containsExactly(0.6f, 0.8f);
        assertThat(out.get(1)).containsExactly(0f, 1f);
        assertThat(lastBody.get()).contains("\"input\":[\"one\",\"two\"]").contains("\"model\":\"nomic-embed-text\"");
        assertThat(e.modelId()).isEqualTo("ollama:nomic-embed-text");
    }

    @Test
    void openai_ordersByIndex_andSendsTheKey() throws Exception {
        String url = start("/v1/embeddings", 200, """
                {"object":"list","data":[{"object":"embedding","index":1,"embedding":[0,1]},{"object":"embedding","index":0,"embedding":[1,0]}],
                 "model":"text-embedding-3-small","usage":{"prompt_tokens":4,"total_tokens":4}}""");
        var e = new HttpEmbedder(HttpEmbedder.Api.OPENAI, url + "/v1", "text-embedding-3-small", "sk-test", Duration.ofSeconds(5));
        var out = e.embedAll(List.of("first", "second"));
        assertThat(out.get(0)).containsExactly(1f, 0f);
        assertThat(out.get(1)).containsExactly(0f, 1f);
        assertThat(lastAuth.get()).isEqualTo("Bearer sk-test");
    }

    @Test
    void serverError_namesUrlStatusAndModel() throws Exception {
        String url = start("/api/embed", 404, "{\"error\":\"model \\\"nomic\\\" not found, try pulling it first\"}");
        var e = new HttpEmbedder(HttpEmbedder.Api.OLLAMA, url, "nomic", null, Duration.ofSeconds(5));
        assertThatThrownBy(() -> e.embed("x")).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining(url + "/api/embed").hasMessageContaining("404").hasMessageContaining("nomic");
    }
}
