package dev.cachet.engine.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.config.CalibrationSettings;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.semantic.SemanticJudge;
import dev.cachet.engine.semantic.calibration.InMemoryLabelStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The semantic judge through the provider port, against a loopback Ollama replaying recorded replies. */
class SemanticJudgeTest {

    private final RecordedServer server = new RecordedServer();
    private final InMemoryLabelStore verdicts = new InMemoryLabelStore();

    @AfterEach void close() { server.close(); }

    private SemanticJudge judge(Duration timeout) {
        var config = new ProviderConfig("ollama", "ollama", server.baseUrl(), null, "llama3.2:1b", List.of("llama3.2:1b"),
                null, Duration.ofSeconds(5), Duration.ofSeconds(5));
        var ollama = new OllamaProvider(config, name -> Optional.empty(), InstantSource.system());
        var settings = new CalibrationSettings.Judge(true, "ollama", "llama3.2:1b", timeout);
        return new SemanticJudge(settings, (p, m) -> new ResolvedModel(new ModelRef(p, m), ollama), verdicts);
    }

    @Test
    void yes_confirms_andIsAskedOnce() throws Exception {
        server.route("/api/chat", RecordedServer.Reply.of("ollama/judge-yes.http"));
        var judge = judge(Duration.ofSeconds(5));
        var v = judge.judge("How can I learn Java quickly?", "What is the fastest way to learn Java?", null);
        assertThat(v.same()).isTrue();
        assertThat(v.cached()).isFalse();
        var body = new ObjectMapper().readTree(server.last().body());
        assertThat(body.path("model").asText()).isEqualTo("llama3.2:1b");
        assertThat(body.path("messages").get(1).path("content").asText())
                .contains("How can I learn Java quickly?").contains("What is the fastest way to learn Java?");
        assertThat(body.path("options").path("temperature").asDouble()).isZero();
        // the same pair again, in either order: the cached verdict, no second call
        var again = judge.judge("What is the fastest way to learn Java?", "How can I learn Java quickly?", null);
        assertThat(again.same()).isTrue();
        assertThat(again.cached()).isTrue();
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void no_refuses() throws Exception {
        server.route("/api/chat", RecordedServer.Reply.of("ollama/judge-no.http"));
        var v = judge(Duration.ofSeconds(5)).judge("Convert 10 miles to km", "Convert 10 km to miles", null);
        assertThat(v.same()).isFalse();
        assertThat(v.describe()).startsWith("different");
    }

    @Test
    void aReplyThatIsNeitherYesNorNo_givesNoVerdict_andIsNotCached() throws Exception {
        server.route("/api/chat", RecordedServer.Reply.of("ollama/judge-rambling.http"));
        var judge = judge(Duration.ofSeconds(5));
        var v = judge.judge("a", "b", null);
        assertThat(v.same()).isNull();
        assertThat(v.describe()).contains("neither yes nor no");
        judge.judge("a", "b", null);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void aSilentServer_givesNoVerdictWithinTheTimeout() throws Exception {
        server.route("/api/chat", RecordedServer.Reply.of("ollama/judge-yes.http").stallingAfter(0));
        var v = judge(Duration.ofMillis(300)).judge("a", "b", null);
        assertThat(v.same()).isNull();
        assertThat(v.describe()).contains("no reply within 300 ms");
    }
}
