package dev.cachet.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;

import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiProviderTest extends HttpProviderContract {

    @Override protected String dir() { return "openai"; }
    @Override protected String chatPath() { return "/v1/chat/completions"; }
    @Override protected String modelsPath() { return "/v1/models"; }
    @Override protected String baseUrl(String root) { return root + "/v1"; }
    @Override protected String keyEnv() { return "OPENAI_API_KEY"; }
    @Override protected String model() { return "gpt-4o-mini"; }
    @Override protected int firstTokenChunk() { return 1; }

    @Override protected String cutRecording() { return "cut-mid-answer.http"; }
    @Override protected String errorMidStreamRecording() { return "error-mid-stream.http"; }
    @Override protected String lengthRecording() { return "length.http"; }

    @Override protected ChatProvider create(ProviderConfig config, Environment environment) {
        return new OpenAiProvider(config, environment, InstantSource.system());
    }

    @Override protected void assertSentBody(JsonNode body) {
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Answer in one sentence.");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Why cache LLM calls?");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Override protected void assertSentKey(RecordedServer.Received received) {
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + KEY);
    }
}
