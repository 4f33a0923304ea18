package dev.cachet.engine.retrieval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.RecordedServer;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.trace.Citation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retrieve stage against the boundaries it does not own: an Ollama-style embedding server that
 * fails for one query, and an OpenAI-style model server that records the prompt it was sent.
 */
class RetrieveStageBoundaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    Engine engine;
    HttpServer embeddings;
    RecordedServer model;

    @AfterEach void close() {
        if (engine != null) engine.close();
        if (embeddings != null) embeddings.stop(0);
        if (model != null) model.close();
    }

    /** Ollama's POST /api/embed, vectors from the words of each text; HTTP 500 when a text says "unreachable-shard". */
    private String startEmbeddingServer() throws IOException {
        embeddings = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        embeddings.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        embeddings.createContext("/api/embed", ex -> {
            try (ex) {
                var body = JSON.readTree(ex.getRequestBody());
                var out = JSON.createObjectNode();
                var list = out.putArray("embeddings");
                for (var text : body.path("input")) {
                    if (text.asText().contains("unreachable-shard")) {
                        byte[] err = "{\"error\":\"model runner crashed\"}".getBytes(StandardCharsets.UTF_8);
                        ex.sendResponseHeaders(500, err.length);
                        ex.getResponseBody().write(err);
                        return;
                    }
                    var v = list.addArray();
                    double[] bag = new double[64];
                    for (String w : text.asText().toLowerCase().split("\\W+")) if (!w.isEmpty()) bag[Math.floorMod(w.hashCode(), 64)] += 1;
                    for (double x : bag) v.add(x);
                }
                byte[] bytes = JSON.writeValueAsBytes(out);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
        embeddings.start();
        return "http://127.0.0.1:" + embeddings.getAddress().getPort();
    }

    private Engine open(CachetConfig config, Environment env) {
        return Engine.open(new EngineOptions(dir.resolve("data"), config, false, InstantSource.system(), env));
    }

    @Test
    void failingBranch_isReportedInTheTrace_andTheRequestIsAnsweredFromTheOthers() throws Exception {
        String url = startEmbeddingServer();
        var ollama = new ProviderConfig("ollama", "ollama", url, null, "llama3.2", List.of(), null, null, null);
        var config = CachetConfig.defaults().withProviders(List.of(ollama)).withDefaultProvider(SimulatorProvider.ID)
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0))
                .withSemantic(new SemanticSettings(true, "ollama:nomic-embed-text", 0.3, 0.94, 0.96, 3, 0.02, 0.97, 5, 3_000,
                        Map.of(), Duration.ofDays(7), 32, Duration.ofMillis(2)));
        engine = open(config, Environment.of(Map.of()));
        Documents.write(dir.resolve("docs"));
        engine.retrieval().create("manual", List.of(dir.resolve("docs")));
        engine.retrieval().ingest("manual", p -> { }, new Cancellation());

        var spec = RetrievalSpec.of("manual").withQueries(List.of("ask the unreachable-shard about ports", "nightly backup folder"));
        var result = engine.pipeline().execute(ChatRequest.ofPrompt("Where are backups written?").withRetrieval(spec),
                TokenListener.NONE, new Cancellation());

        assertThat(result).isInstanceOf(ChatResult.Answered.class);
        var entry = result.trace().entry("retrieve").orElseThrow();
        assertThat(entry.reason()).contains("1 branch failed or timed out, left out");
        assertThat(entry.details().get("query2")).contains("failed").contains("500");
        assertThat(entry.details().get("query1")).contains("chunks");
        assertThat(result.trace().citations()).isNotEmpty();
        assertThat(result.trace().citations()).anyMatch(c -> c.text().contains("backups folder"));
    }

    @Test
    void citations_areExactlyTheSourcesTheModelWasGiven() throws Exception {
        model = new RecordedServer().route("/v1/chat/completions", RecordedServer.Reply.of("openai/stream.http"));
        var openai = new ProviderConfig("openai", "openai", model.baseUrl() + "/v1", "OPENAI_API_KEY", "gpt-4o-mini", List.of(), null, null, null);
        var config = CachetConfig.defaults().withProviders(List.of(openai)).withDefaultProvider("openai");
        engine = open(config, Environment.of(Map.of("OPENAI_API_KEY", "sk-test")));
        Documents.write(dir.resolve("docs"));
        engine.retrieval().create("manual", List.of(dir.resolve("docs")));
        engine.retrieval().ingest("manual", p -> { }, new Cancellation());

        var request = ChatRequest.ofPrompt("Which port does the relay listen on, and where are backups written?")
                .withRetrieval(RetrievalSpec.of("manual").withTopK(3));
        var result = (ChatResult.Answered) engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());

        List<Citation> cited = result.trace().citations();
        assertThat(cited).hasSize(3);
        var sent = JSON.readTree(model.received().getLast().body()).path("messages");
        String system = sent.get(0).path("content").asText();
        assertThat(sent.get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.get(1).path("content").asText()).isEqualTo(request.lastUserText());
        // Each citation is the numbered source [n] the model saw, with the same text, and nothing else was sent.
        int at = 0;
        for (Citation c : cited) {
            int mark = system.indexOf("[" + c.number() + "] " + c.fileName(), at);
            assertThat(mark).as("source [%d] in the prompt", c.number()).isGreaterThanOrEqualTo(at);
            assertThat(system.indexOf(c.text().strip(), mark)).isGreaterThan(mark);
            at = mark + 1;
        }
        assertThat(system).doesNotContain("[" + (cited.size() + 1) + "] ");
    }
}
