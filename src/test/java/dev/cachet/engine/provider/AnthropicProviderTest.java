package dev.cachet.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;

import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicProviderTest extends HttpProviderContract {

    @Override protected String dir() { return "anthropic"; }
    @Override protected String chatPath() { return "/v1/messages"; }
    @Override protected String modelsPath() { return "/v1/models"; }
    @Override protected String baseUrl(String root) { return root + "/v1"; }
    @Override protected String keyEnv() { return "ANTHROPIC_API_KEY"; }
    @Override protected String model() { return "claude-haiku-4-5"; }
    @Override protected int firstTokenChunk() { return 3; }

    @Override protected String cutRecording() { return "cut-before-stop.http"; }
    @Override protected String errorMidStreamRecording() { return "error-mid-stream.http"; }
    @Override protected String lengthRecording() { return "max-tokens.http"; }

    @Override protected ChatProvider create(ProviderConfig config, Environment environment) {
        return new AnthropicProvider(config, environment, InstantSource.system());
    }

    @Override protected void assertSentBody(JsonNode body) {
        // Anthropic takes the system prompt beside the messages, not among them.
        assertThat(body.path("system").toString()).contains("Answer in one sentence.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").toString()).contains("Why cache LLM calls?");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
    }

    @Override protected void assertSentKey(RecordedServer.Received received) {
        assertThat(received.header("x-api-key")).isEqualTo(KEY);
        assertThat(received.header("anthropic-version")).isEqualTo("2023-06-01");
    }
}
