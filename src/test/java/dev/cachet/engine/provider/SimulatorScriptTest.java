package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorScriptTest {

    @TempDir Path dir;

    private static final SimulatorSettings FAST = new SimulatorSettings(Duration.ZERO, 0, 0, 0, 20, List.of("sim-small"));

    @Test void theFirstMatchingRule_answers_andOtherPromptsGetTheUsualText() throws Exception {
        var script = SimulatorScript.parse("""
                rules:
                  - match: "(?i)capital of france"
                    answer: "Paris."
                  - match: "(?i)capital"
                    answer: "Some city."
                """, "test.yaml");
        var sim = new SimulatorProvider(FAST, script);
        var paris = sim.chat(new ProviderRequest("sim-small", List.of(ChatMessage.user("What is the capital of France?")), ChatParams.DEFAULTS),
                TokenListener.NONE, Cancellation.none());
        assertThat(paris.text()).isEqualTo("Paris.");
        var other = sim.chat(new ProviderRequest("sim-small", List.of(ChatMessage.user("Hello")), ChatParams.DEFAULTS),
                TokenListener.NONE, Cancellation.none());
        assertThat(other.text()).startsWith("[simulated answer]");
    }

    @Test void rulesSeeTheWholeRenderedPrompt_withRoles() {
        var script = SimulatorScript.parse("rules:\n  - match: \"(?s)system: be terse.*user: hi\"\n    answer: ok\n", "t.yaml");
        assertThat(script.answer(List.of(ChatMessage.system("be terse"), ChatMessage.user("hi")))).contains("ok");
        assertThat(script.answer(List.of(ChatMessage.user("hi")))).isEmpty();
    }

    @Test void scriptedAnswers_streamWordByWord_andRespectMaxTokens() throws Exception {
        var script = SimulatorScript.parse("rules:\n  - match: count\n    answer: SELECT COUNT(*) FROM t\n", "t.yaml");
        var tokens = new java.util.ArrayList<String>();
        var r = new SimulatorProvider(FAST, script).chat(new ProviderRequest("sim-small", List.of(ChatMessage.user("count")),
                ChatParams.DEFAULTS.withMaxTokens(2)), tokens::add, Cancellation.none());
        assertThat(tokens).containsExactly("SELECT", " COUNT(*)");
        assertThat(r.text()).isEqualTo("SELECT COUNT(*)");
    }

    @Test void loading_builtInsFilesAndNone() throws Exception {
        assertThat(SimulatorScript.load("builtin:sample-shop", dir).rules()).isNotEmpty();
        assertThat(SimulatorScript.load(null, dir).rules()).isEmpty();
        assertThat(SimulatorScript.load("none", dir).rules()).isEmpty();
        Files.writeString(dir.resolve("mine.yaml"), "rules:\n  - match: x\n    answer: y\n");
        assertThat(SimulatorScript.load("mine.yaml", dir).rules()).hasSize(1);
    }

    @Test void badScripts_sayWhereAndWhat() {
        assertThatThrownBy(() -> SimulatorScript.parse("rules:\n  - match: x\n    anwser: y\n", "s.yaml"))
                .hasMessageContaining("s.yaml:3:5: unknown field 'anwser' in rules[0] (did you mean 'answer'?)");
        assertThatThrownBy(() -> SimulatorScript.parse("rules:\n  - match: \"(x\"\n    answer: y\n", "s.yaml"))
                .hasMessage("s.yaml:2:12: field 'rules[0].match': does not compile: Unclosed group");
        assertThatThrownBy(() -> SimulatorScript.load("builtin:nope", dir)).hasMessageContaining("no built-in script 'builtin:nope'");
    }
}
