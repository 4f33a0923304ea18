package dev.cachet.ui.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.experiments.ExperimentTestEngines;
import dev.cachet.engine.experiments.run.RunRecord;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Experiments pane's view-model over a real engine on the scripted simulator, without a toolkit. */
class ExperimentsViewModelTest {

    static final String SCRIPT = """
            rules:
              - match: "careful"
                answers: [{text: "The answer is CORRECT.\\nSecond line stays.", weight: 1}]
              - match: "hasty"
                answers: [{text: "The answer is wrong.\\nSecond line stays.", weight: 1}]
            """;

    @TempDir Path dir;
    Engine engine;
    ExecutorService work;
    ExperimentsViewModel vm;

    @BeforeEach void open() throws Exception {
        engine = ExperimentTestEngines.scripted(dir.resolve("data"), SCRIPT);
        work = Executors.newVirtualThreadPerTaskExecutor();
        vm = new ExperimentsViewModel(engine.experiments(), UiThread.direct(), work);
    }

    @AfterEach void close() {
        work.shutdownNow();
        engine.close();
    }

    private RunRecord runToEnd() throws Exception {
        long id = vm.start().get(30, TimeUnit.SECONDS);
        for (int i = 0; i < 600 && (vm.runningProperty().get() || vm.resultsProperty().get() == null
                || vm.resultsProperty().get().run().id() != id || vm.resultsProperty().get().cells().size() < 20); i++) {
            Thread.sleep(50); // waits for the run's end; nothing here is timed
        }
        return engine.experiments().store().run(id).orElseThrow();
    }

    @Test
    void form_rejectsBadOverrides_andNamesTheField() {
        assertThat(vm.formProblem()).isEqualTo("choose an experiment file");
        vm.openFile(dir.resolve("x.yaml"));
        vm.repeatProperty().set("0");
        assertThat(vm.formProblem()).isEqualTo("repetitions: a whole number from 1");
        vm.repeatProperty().set("2");
        vm.concurrencyProperty().set("many");
        assertThat(vm.formProblem()).isEqualTo("concurrency: a whole number from 1");
    }

    @Test
    void aFileWithErrors_showsThemWithTheirPlace_andStartsNothing() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "id: bad\nprompts: [{id: A, text: hi}]\nrepeat: many\ndataset: [{n: 1}]\n");
        vm.openFile(file);
        assertThat(vm.start()).failsWithin(30, TimeUnit.SECONDS);
        assertThat(vm.errorProperty().get()).contains("bad.yaml:3");
        assertThat(engine.experiments().store().runs()).isEmpty();
    }

    @Test
    void aRun_fillsTheMatrix_opensACell_diffsTwoArms_comparesWithTheEarlierRun_andExports() throws Exception {
        Path file = dir.resolve("cmp.yaml");
        var rows = new StringBuilder();
        for (int i = 0; i < 10; i++) rows.append("  - {n: ").append(i).append("}\n");
        Files.writeString(file, """
                id: cmp
                prompts:
                  - {id: careful, text: "careful {{ n }}"}
                  - {id: hasty, text: "hasty {{ n }}"}
                models: [simulator/sim-small]
                defaults:
                  assert: [{type: contains, value: CORRECT}]
                dataset:
                """ + rows);
        vm.openFile(file);
        RunRecord first = runToEnd();
        assertThat(first.status()).isEqualTo(RunRecord.Status.FINISHED);
        ResultMatrix m = vm.matrixProperty().get();
        assertThat(m.arms()).containsExactly("careful", "hasty");
        assertThat(m.rows()).hasSize(10).allSatisfy(r -> {
            assertThat(r.cells().get(0).verdict()).isEqualTo(ResultMatrix.Cell.Verdict.PASSED);
            assertThat(r.cells().get(1).label()).isEqualTo("fail");
        });

        vm.openCell(1, 4, 0);
        assertThat(vm.cellProperty().get().output()).isEqualTo("The answer is wrong.\nSecond line stays.");
        assertThat(vm.cellProperty().get().assertions()).singleElement().satisfies(a -> assertThat(a.passed()).isFalse());
        assertThat(vm.cellProperty().get().trace()).contains("generate");

        OutputDiff d = vm.diff(4, 0, 1);
        assertThat(d.lines()).extracting(OutputDiff.Line::kind).containsExactly(OutputDiff.Kind.CHANGED, OutputDiff.Kind.SAME);
        assertThat(d.lines().getFirst().left()).isEqualTo("The answer is [-CORRECT-].");
        assertThat(d.lines().getFirst().right()).isEqualTo("The answer is {+wrong+}.");

        vm.repeatProperty().set("2");
        RunRecord second = runToEnd();
        assertThat(second.totalCells()).isEqualTo(40);
        assertThat(vm.earlierRuns()).extracting(RunRecord::id).containsExactly(first.id());
        var analysis = vm.compareWith(vm.earlierRuns().getFirst()).get(30, TimeUnit.SECONDS);
        assertThat(analysis.arms()).extracting(a -> a.name())
                .containsExactly("#" + first.id() + " careful", "#" + first.id() + " hasty", "#" + second.id() + " careful", "#" + second.id() + " hasty");
        assertThat(vm.comparisonProperty().get()).isSameAs(analysis);

        Path csv = vm.export(ReportFormat.CSV, dir.resolve("run.csv")).get(30, TimeUnit.SECONDS);
        try (var reader = Files.newBufferedReader(csv)) { // outputs span lines: count CSV records, not lines
            assertThat(org.apache.commons.csv.CSVFormat.DEFAULT.parse(reader).getRecords()).hasSize(41); // a header and a row per cell
        }
        Path json = vm.export(ReportFormat.JSON, dir.resolve("run.json")).get(30, TimeUnit.SECONDS);
        assertThat(Files.readString(json)).contains("\"verdict\"");
    }
}
