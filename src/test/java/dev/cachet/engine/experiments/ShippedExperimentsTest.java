package dev.cachet.engine.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.experiments.assertions.AssertionResult;
import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.stats.Comparison;
import dev.cachet.engine.provider.SimulatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The experiments shipped in prompts/experiments/ run on the simulator's built-in script (the default)
 * and show the difference their comments promise: the better arm wins on pass rate, significantly.
 */
class ShippedExperimentsTest {

    @TempDir static Path dir;
    static Engine engine;

    @BeforeAll static void open() {
        // The built-in script as shipped; tokens all at once so the test does not wait on streaming.
        var sim = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);
        engine = Engine.open(new EngineOptions(dir, CachetConfig.defaults().withDefaultProvider("simulator").withSimulator(sim), false,
                InstantSource.system()));
    }

    @AfterAll static void close() { engine.close(); }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ticket-triage, guided", "explain-brief, two-sentences"})
    void shippedExperiment_showsItsKnownDifference(String file, String better) throws Exception {
        var parsed = engine.experiments().read(Path.of("prompts/experiments/" + file + ".yaml"));
        var d = ((dev.cachet.engine.definitions.DefinitionKind.Parsed.Valid<ExperimentDefinition>) parsed).value();
        var handle = engine.experiments().runner().start(d);
        handle.done().get(3, TimeUnit.MINUTES);
        RunResults r = RunResults.load(engine.experiments().store(), handle.runId());

        assertThat(r.cells()).hasSize(d.totalCells()).noneMatch(c -> c.status() == CellRecord.Status.ERROR);
        Comparison passRate = r.analysis().comparisons().stream().filter(c -> c.metric() == Comparison.Metric.PASS_RATE).findFirst().orElseThrow();
        assertThat(passRate.significant()).isTrue();
        assertThat(passRate.better()).isEqualTo(better);
        assertThat(r.analysis().verdict()).startsWith(better + " passes more often");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"explain-brief"})
    void aReportOnlyRubric_keepsItsOwnVerdict_butDoesNotDecideTheCase(String file) throws Exception {
        var parsed = engine.experiments().read(Path.of("prompts/experiments/" + file + ".yaml"));
        var d = ((dev.cachet.engine.definitions.DefinitionKind.Parsed.Valid<ExperimentDefinition>) parsed).value();
        var handle = engine.experiments().runner().start(d);
        handle.done().get(3, TimeUnit.MINUTES);
        var cells = engine.experiments().store().cells(handle.runId());
        var rubrics = cells.stream().flatMap(c -> c.assertions().stream()).filter(a -> a.type().equals("llm-rubric")).toList();
        assertThat(rubrics).extracting(AssertionResult::status).contains(AssertionResult.Status.PASSED, AssertionResult.Status.FAILED);
        // Every long answer fails both the word count and the rubric; the case failed on the word count alone.
        for (CellRecord c : cells) {
            AssertionResult rubric = c.assertions().stream().filter(a -> a.type().equals("llm-rubric")).findFirst().orElseThrow();
            AssertionResult words = c.assertions().stream().filter(a -> a.type().equals("word-count")).findFirst().orElseThrow();
            assertThat(rubric.weight()).isZero();
            assertThat(c.status() == CellRecord.Status.PASSED).isEqualTo(words.passed());
        }
    }
}
