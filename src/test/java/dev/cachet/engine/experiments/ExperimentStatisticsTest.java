package dev.cachet.engine.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.stats.Comparison;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics on the scripted simulator, for what matters: a real difference is found, and no
 * difference is not invented. The simulator draws each answer from the cell's seed, so every run here
 * repeats exactly; the counts below are facts about these seeds, not timings.
 */
class ExperimentStatisticsTest {

    /** "careful" answers right 80% of the time, "hasty" 50%: 30 points apart. */
    private static final String SCRIPT = """
            rules:
              - match: "careful"
                answers:
                  - {text: "The answer is CORRECT.", weight: 0.8}
                  - {text: "The answer is wrong.", weight: 0.2}
              - match: "hasty"
                answers:
                  - {text: "The answer is CORRECT.", weight: 0.5}
                  - {text: "The answer is wrong.", weight: 0.5}
            """;

    @TempDir static Path dir;
    static Engine engine;

    @BeforeAll static void open() throws Exception { engine = ExperimentTestEngines.scripted(dir.resolve("data"), SCRIPT); }

    @AfterAll static void close() { engine.close(); }

    private static String experiment(String a, String b, int cases, long seed) {
        var rows = new StringBuilder();
        for (int i = 0; i < cases; i++) rows.append("  - {n: ").append(i).append("}\n");
        return """
                id: stats
                prompts:
                  - {id: A, text: "%s question {{ n }}"}
                  - {id: B, text: "%s question {{ n }}"}
                models: [simulator/sim-small]
                seed: %d
                concurrency: 8
                defaults:
                  assert:
                    - {type: contains, value: CORRECT}
                dataset:
                %s""".formatted(a, b, seed, rows);
    }

    private static RunResults run(String text) throws Exception {
        var d = ExperimentTestEngines.read(engine, dir, "stats.yaml", text);
        var handle = engine.experiments().runner().start(d);
        handle.done().get(120, TimeUnit.SECONDS);
        return RunResults.load(engine.experiments().store(), handle.runId());
    }

    private static Comparison passRate(RunResults r) {
        return r.analysis().comparisons().stream().filter(c -> c.metric() == Comparison.Metric.PASS_RATE).findFirst().orElseThrow();
    }

    @Test void bFailing30PointsMoreOften_over200Cases_isSignificant() throws Exception {
        RunResults r = run(experiment("careful", "hasty", 200, 42));
        Comparison c = passRate(r);
        assertThat(r.analysis().paired()).isTrue();
        assertThat(c.test()).isEqualTo("McNemar (exact)");
        assertThat(c.significant()).isTrue();
        assertThat(c.better()).isEqualTo("A");
        assertThat(r.analysis().arms().get(0).passRate().estimate()).isBetween(0.72, 0.88);
        assertThat(r.analysis().arms().get(1).passRate().estimate()).isBetween(0.42, 0.58);
        assertThat(r.analysis().verdict()).startsWith("A passes more often: ");
    }

    @Test void twoIdenticalVariants_areNotSignificant_inAtLeast95Of100SeededRuns() throws Exception {
        int falsePositives = 0;
        int anyMetric = 0;
        for (long seed = 1; seed <= 100; seed++) {
            RunResults r = run(experiment("careful", "careful", 60, seed));
            if (passRate(r).significant()) falsePositives++;
            if (r.analysis().comparisons().stream().anyMatch(Comparison::significant)) anyMetric++;
            assertThat(r.cells()).hasSize(120);
        }
        System.out.printf("identical variants: pass rate significant in %d of 100 seeded runs; any metric in %d%n", falsePositives, anyMetric);
        assertThat(falsePositives).isLessThanOrEqualTo(5);
    }
}
