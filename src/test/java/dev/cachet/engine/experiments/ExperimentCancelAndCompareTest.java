package dev.cachet.engine.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.experiments.report.CsvReport;
import dev.cachet.engine.experiments.report.HtmlReport;
import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.run.RunHandle;
import dev.cachet.engine.experiments.run.RunRecord;
import dev.cachet.engine.experiments.stats.Analysis;
import dev.cachet.engine.experiments.stats.Comparison;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancel keeps what finished and resume runs the rest (the pane's Cancel and Resume); a run compared
 * with an earlier run of the same experiment pairs their cases; reports keep model text exactly and
 * never let it act as markup.
 */
class ExperimentCancelAndCompareTest {

    private static final String SCRIPT = """
            rules:
              - match: "slow"
                answers:
                  - {text: "<script>alert('x')</script>, \\"quoted\\"\\nsecond line", weight: 0.6}
                  - {text: "plain, fine", weight: 0.4}
                latency: {distribution: fixed, value: 40ms}
            """;

    @TempDir static Path dir;
    static Engine engine;

    @BeforeAll static void open() throws Exception { engine = ExperimentTestEngines.scripted(dir.resolve("data"), SCRIPT); }

    @AfterAll static void close() { engine.close(); }

    private static ExperimentDefinition experiment(int cases) throws Exception {
        var rows = new StringBuilder();
        for (int i = 0; i < cases; i++) rows.append("  - {n: ").append(i).append("}\n");
        return ExperimentTestEngines.read(engine, dir, "slow.yaml", """
                id: slow
                prompts:
                  - {id: A, text: "slow A {{ n }}"}
                  - {id: B, text: "slow B {{ n }}"}
                models: [simulator/sim-small]
                concurrency: 2
                defaults:
                  assert: [{type: contains, value: plain}]
                dataset:
                %s""".formatted(rows));
    }

    @Test void cancel_keepsFinishedCells_andResumeRunsOnlyTheRest() throws Exception {
        RunHandle handle = engine.experiments().runner().start(experiment(60));
        while (handle.progress().done() < 10) Thread.sleep(10);
        handle.cancel();
        RunRecord cancelled = handle.done().get(1, TimeUnit.MINUTES);
        assertThat(cancelled.status()).isEqualTo(RunRecord.Status.CANCELLED);
        assertThat(cancelled.note()).startsWith("cancelled after");
        List<CellRecord> kept = engine.experiments().store().cells(handle.runId());
        assertThat(kept.size()).isBetween(10, 119);
        assertThat(cancelled.resumable(engine.experiments().store().clock().instant())).isTrue();

        RunHandle resumed = engine.experiments().runner().resume(handle.runId());
        assertThat(resumed.done().get(1, TimeUnit.MINUTES).status()).isEqualTo(RunRecord.Status.FINISHED);
        assertThat(resumed.progress().doneHere()).isEqualTo(120 - kept.size());
        Map<CellRecord.CellKey, CellRecord> all = engine.experiments().store().cells(handle.runId()).stream()
                .collect(Collectors.toMap(CellRecord::key, Function.identity()));
        assertThat(all).hasSize(120);
        kept.forEach(c -> assertThat(all.get(c.key())).isEqualTo(c));
    }

    @Test void aRunComparedWithAnEarlierRun_pairsTheirCases_andCorrectsForFourArms() throws Exception {
        var first = engine.experiments().runner().start(experiment(30));
        first.done().get(1, TimeUnit.MINUTES);
        var second = engine.experiments().runner().start(experiment(30));
        second.done().get(1, TimeUnit.MINUTES);
        RunResults earlier = RunResults.load(engine.experiments().store(), first.runId());
        RunResults now = RunResults.load(engine.experiments().store(), second.runId());

        Analysis both = now.compareWith(earlier);
        assertThat(both.arms()).extracting(a -> a.name())
                .containsExactly("#" + first.runId() + " A", "#" + first.runId() + " B", "#" + second.runId() + " A", "#" + second.runId() + " B");
        assertThat(both.paired()).isTrue();
        List<Comparison> passRates = both.comparisons().stream().filter(c -> c.metric() == Comparison.Metric.PASS_RATE).toList();
        assertThat(passRates).hasSize(6);
        // The same seed draws the same answers: each arm against its earlier self agrees on every case.
        assertThat(passRates).filteredOn(c -> c.a().endsWith(" A") && c.b().endsWith(" A")).singleElement()
                .satisfies(c -> assertThat(c.pValue()).isEqualTo(1.0));
        assertThat(passRates).allSatisfy(c -> assertThat(c.pAdjusted()).isGreaterThanOrEqualTo(c.pValue()));
    }

    @Test void reports_keepModelTextExactly_andEscapeItInHtml() throws Exception {
        var handle = engine.experiments().runner().start(experiment(12));
        handle.done().get(1, TimeUnit.MINUTES);
        RunResults r = RunResults.load(engine.experiments().store(), handle.runId());
        String html = HtmlReport.of(r);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");

        var records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(CsvReport.of(r))).getRecords();
        assertThat(records).hasSize(24);
        assertThat(records).extracting(x -> x.get("output")).containsOnly("<script>alert('x')</script>, \"quoted\"\nsecond line", "plain, fine");
    }
}
