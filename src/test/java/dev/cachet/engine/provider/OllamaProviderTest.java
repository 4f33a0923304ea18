package dev.cachet.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import org.junit.jupiter.api.Test;

import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

class OllamaProviderTest extends HttpProviderContract {

    @Override protected String dir() { return "ollama"; }
    @Override protected String chatPath() { return "/api/chat"; }
    @Override protected String modelsPath() { return "/api/tags"; }
    @Override protected String baseUrl(String root) { return root; }
    @Override protected String keyEnv() { return null; }
    @Override protected String model() { return "llama3.2"; }
    @Override protected String unknownModel() { return "llama9"; }
    @Override protected int firstTokenChunk() { return 0; }

    @Override protected String cutRecording() { return "cut-before-done.http"; }
    @Override protected String errorMidStreamRecording() { return "error-mid-stream.http"; }
    @Override protected String lengthRecording() { return "length.http"; }
    @Override protected String rateLimitedRecording() { return "busy.http"; }
    @Override protected boolean rateLimitAdvisesWait() { return false; }

    @Override protected ChatProvider create(ProviderConfig config, Environment environment) {
        return new OllamaProvider(config, environment, InstantSource.system());
    }

    @Override protected void assertSentBody(JsonNode body) {
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Answer in one sentence.");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(64);
    }

    @Override protected void assertSentKey(RecordedServer.Received received) {
        assertThat(received.header("Authorization")).isNull();
    }

    @Test
    void unknownModel_hintSaysHowToPullIt() {
        server.route(chatPath(), RecordedServer.Reply.of("ollama/unknown-model.http"));
        ChatError error = failure(provider(), request("llama9"));
        assertThat(error.oneLine()).contains("ollama pull llama9");
    }

    @Test
    void chat_usageComesFromEvalCounts() throws Exception {
        var response = provider().chat(request(model()), t -> { }, dev.cachet.engine.pipeline.Cancellation.none());
        assertThat(response.usage()).isEqualTo(new dev.cachet.engine.chat.Usage(24, 5));
        assertThat(response.text()).isEqualTo("Caching saves repeated calls.");
    }
}
