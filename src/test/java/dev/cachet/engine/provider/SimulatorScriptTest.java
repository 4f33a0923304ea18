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
                .hasMessageContaining("s.yaml:2:12: field 'rules[0].match': does not compile");
        assertThatThrownBy(() -> SimulatorScript.parse("rules:\n  - match: x\n    answers:\n      - {text: a, wieght: 2}\n"
                + "    latency: {distribution: lognormal, median: 300ms}\n", "s.yaml"))
                .hasMessageContaining("s.yaml:4:19: unknown field 'wieght' in rules[0].answers[0] (did you mean 'weight'?)")
                .hasMessageContaining("s.yaml:5:14: missing 'rules[0].latency.p95'");
        assertThatThrownBy(() -> SimulatorScript.load("builtin:nope", dir)).hasMessageContaining("no built-in script 'builtin:nope'");
    }

    private static final String WEIGHTED = """
            rules:
              - match: "careful"
                answers:
                  - {text: "right", weight: 0.8}
                  - {text: "wrong", weight: 0.2}
                latency: {distribution: uniform, min: 1ms, max: 3ms}
            """;

    @Test void weightedAnswers_areDrawnInProportion_andASeedRepeatsTheDraw() throws Exception {
        var sim = new SimulatorProvider(FAST, SimulatorScript.parse(WEIGHTED, "w.yaml"));
        int right = 0;
        for (long seed = 0; seed < 2000; seed++) {
            var r = sim.chat(new ProviderRequest("sim-small", List.of(ChatMessage.user("be careful")), ChatParams.DEFAULTS.withSeed(seed)),
                    TokenListener.NONE, Cancellation.none());
            if (r.text().equals("right")) right++;
            var again = sim.chat(new ProviderRequest("sim-small", List.of(ChatMessage.user("be careful")), ChatParams.DEFAULTS.withSeed(seed)),
                    TokenListener.NONE, Cancellation.none());
            assertThat(again.text()).isEqualTo(r.text());
        }
        assertThat(right).isBetween(1500, 1700); // 0.8 of 2000, well inside 5 standard deviations (18)
    }

    @Test void aRulesLatency_isItsTimeToFirstToken() {
        var rule = SimulatorScript.parse(WEIGHTED, "w.yaml").rules().getFirst();
        var random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            assertThat(rule.latency().sample(random)).isBetween(Duration.ofMillis(1), Duration.ofMillis(3));
        }
        var logNormal = LatencyDistribution.logNormal(Duration.ofMillis(300), Duration.ofMillis(900));
        var draws = new java.util.ArrayList<Long>();
        for (int i = 0; i < 4000; i++) draws.add(logNormal.sample(random).toMillis());
        java.util.Collections.sort(draws);
        assertThat(draws.get(2000)).isBetween(280L, 320L);
        assertThat(draws.get(3800)).isBetween(820L, 980L);
    }
}
