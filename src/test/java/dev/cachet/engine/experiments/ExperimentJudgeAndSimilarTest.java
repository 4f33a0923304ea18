package dev.cachet.engine.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.experiments.assertions.AssertionResult;
import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.run.CellRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two assertions that need a model: {@code llm-rubric} grades through the judge template and the
 * provider port (here the scripted simulator playing the judge), and its verdicts are cached like any
 * answer; {@code similar} embeds with the in-process MiniLM embedder.
 */
class ExperimentJudgeAndSimilarTest {

    /** The pirate variant talks like one; the judge (matched by its template's system prompt) grades by "Arr". */
    private static final String SCRIPT = """
            rules:
              - match: "(?s)You grade an output against a rubric.*Output: Arr"
                answer: '{"pass": true, "score": 0.9, "reason": "It says Arr, as pirates do."}'
              - match: "(?s)You grade an output against a rubric"
                answer: '{"pass": false, "score": 0.1, "reason": "No pirate words."}'
              - match: "pirate"
                answer: "Arr, the weather be fair today, matey."
              - match: "plain"
                answer: "The weather is fine and sunny today."
            """;

    @TempDir static Path dir;
    static Engine engine;

    @BeforeAll static void open() throws Exception { engine = ExperimentTestEngines.scripted(dir.resolve("data"), SCRIPT); }

    @AfterAll static void close() { engine.close(); }

    private static RunResults run(String text) throws Exception {
        var d = ExperimentTestEngines.read(engine, dir, "judge.yaml", text);
        var handle = engine.experiments().runner().start(d);
        handle.done().get(2, TimeUnit.MINUTES);
        return RunResults.load(engine.experiments().store(), handle.runId());
    }

    private static AssertionResult only(RunResults r, int arm, String type) {
        CellRecord c = r.cells().stream().filter(x -> x.arm() == arm).findFirst().orElseThrow();
        return c.assertions().stream().filter(a -> a.type().equals(type)).findFirst().orElseThrow();
    }

    @Test void llmRubric_gradesThroughTheJudgeTemplate_andCachesItsVerdicts() throws Exception {
        String experiment = """
                prompts:
                  - {id: pirate, text: "Say it like a pirate: {{ q }}"}
                  - {id: plain, text: "Say it plain: {{ q }}"}
                models: [simulator/sim-small]
                judge: simulator/sim-small
                defaults:
                  assert:
                    - {type: llm-rubric, value: Is spoken like a pirate}
                dataset:
                  - {q: how is the weather}
                """;
        RunResults first = run(experiment);
        AssertionResult pirate = only(first, 0, "llm-rubric");
        AssertionResult plain = only(first, 1, "llm-rubric");
        assertThat(pirate.status()).isEqualTo(AssertionResult.Status.PASSED);
        assertThat(pirate.score()).isEqualTo(0.9);
        assertThat(pirate.reason()).contains("It says Arr");
        assertThat(plain.status()).isEqualTo(AssertionResult.Status.FAILED);
        assertThat(plain.reason()).contains("No pirate words");

        long hitsBefore = engine.exactCache().cacheStats().l1().hits();
        RunResults second = run(experiment);
        long judgeHits = engine.exactCache().cacheStats().l1().hits() - hitsBefore;
        // Cells bypass the cache (the default); the two identical judge requests are answered from it.
        assertThat(judgeHits).isEqualTo(2);
        assertThat(only(second, 0, "llm-rubric")).isEqualTo(pirate);
        assertThat(only(second, 1, "llm-rubric")).isEqualTo(plain);
    }

    @Test void similar_embedsWithTheInProcessEmbedder() throws Exception {
        RunResults r = run("""
                prompts:
                  - {id: plain, text: "Say it plain: {{ q }}"}
                models: [simulator/sim-small]
                defaults:
                  assert:
                    - {type: similar, value: "Today the weather is sunny and fine.", threshold: 0.8}
                    - {type: not-similar, value: "Quarterly revenue grew by four percent.", threshold: 0.5}
                dataset:
                  - {q: how is the weather}
                """);
        List<AssertionResult> results = r.cells().getFirst().assertions();
        assertThat(results).extracting(AssertionResult::status).containsOnly(AssertionResult.Status.PASSED);
        assertThat(results.getFirst().score()).isGreaterThan(0.8);
        assertThat(results.getFirst().reason()).contains("minilm");
    }
}
