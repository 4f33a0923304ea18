package dev.cachet.engine.provider;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionCheckTest {

    /** Each reading is 7 ms after the previous one: the latency figure is the difference. */
    private final AtomicLong clock = new AtomicLong();
    private final Environment env = Environment.of(Map.of("OPENAI_API_KEY", "sk-test-secret"));
    private final ConnectionCheck check = new ConnectionCheck(env, Duration.ofSeconds(5), () -> clock.addAndGet(7_000_000));

    private static ProviderConfig provider(String kind, String url, String keyEnv) {
        return new ProviderConfig("p", kind, url, keyEnv, "m", List.of(), null, null, null);
    }

    @Test
    void ollama_listsPulledModels_withLatency() throws Exception {
        try (var server = new RecordedServer()) {
            server.route("/api/tags", RecordedServer.Reply.of("ollama/models.http"));
            var result = check.check(provider("ollama", server.baseUrl(), null));
            assertThat(result).isEqualTo(new ConnectionCheck.Result.Reachable(Duration.ofMillis(7), List.of("llama3.2:latest", "qwen2.5:0.5b", "qwen3:8b")));
        }
    }

    @Test
    void openAiCompatible_sendsTheKeyFromItsVariable() throws Exception {
        try (var server = new RecordedServer()) {
            server.route("/v1/models", RecordedServer.Reply.of("openai/models.http"));
            var result = check.check(provider("openai", server.baseUrl() + "/v1/", "OPENAI_API_KEY"));
            assertThat(result).isInstanceOf(ConnectionCheck.Result.Reachable.class);
            assertThat(((ConnectionCheck.Result.Reachable) result).models()).as("chat models only").containsExactly("gpt-4o-mini", "gpt-4o", "o3-mini", "gpt-5-mini");
            assertThat(server.received().getFirst().header("Authorization")).isEqualTo("Bearer sk-test-secret");
        }
    }

    @Test
    void aRefusedKey_namesTheVariable_notTheValue() throws Exception {
        try (var server = new RecordedServer()) {
            server.route("/models", RecordedServer.Reply.of("openai/unauthorized.http"));
            var result = check.check(provider("openai", server.baseUrl(), "OPENAI_API_KEY"));
            assertThat(((ConnectionCheck.Result.Failed) result).message())
                    .contains("HTTP 401").contains("OPENAI_API_KEY was refused").doesNotContain("sk-test-secret");
        }
    }

    @Test
    void anUnsetKeyVariable_isSaidBeforeAnyCall() {
        var result = check.check(provider("anthropic", "http://127.0.0.1:9", "ANTHROPIC_API_KEY"));
        assertThat(result).isEqualTo(new ConnectionCheck.Result.Failed(
                "ANTHROPIC_API_KEY is not set in Cachet's environment: set it and restart Cachet"));
    }

    @Test
    void aDeadPort_saysNothingAnswers_namingTheUrl() {
        var result = check.check(provider("ollama", "http://127.0.0.1:9", null));
        assertThat(((ConnectionCheck.Result.Failed) result).message()).startsWith("nothing answers at http://127.0.0.1:9/api/tags");
    }
}
