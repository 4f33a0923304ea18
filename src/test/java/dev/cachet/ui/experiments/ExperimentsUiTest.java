package dev.cachet.ui.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.experiments.ExperimentTestEngines;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.run.RunRecord;
import dev.cachet.ui.fx.Elided;
import dev.cachet.ui.shell.PaneId;
import dev.cachet.ui.shell.ThemeStylesheets;
import dev.cachet.ui.shell.WindowStateFile;
import dev.cachet.ui.shell.WorkbenchWindow;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Experiments pane in the real window on the scripted simulator: start a run, watch its progress,
 * cancel it, resume it (finished cells are not run again), open a cell, export the HTML report.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ExperimentsUiTest {

    /** Each answer takes 20–40 ms, so a run of 400 cells two at a time lasts seconds: long enough to be cancelled midway. */
    static final String SCRIPT = """
            rules:
              - match: "careful"
                latency: {distribution: uniform, min: 20ms, max: 40ms}
                answers:
                  - {text: "The answer is CORRECT.", weight: 0.8}
                  - {text: "The answer is wrong.", weight: 0.2}
              - match: "hasty"
                latency: {distribution: uniform, min: 20ms, max: 40ms}
                answers:
                  - {text: "The answer is CORRECT.", weight: 0.4}
                  - {text: "The answer is wrong.", weight: 0.6}
            """;

    static String experiment(int cases) {
        var rows = new StringBuilder();
        for (int i = 0; i < cases; i++) rows.append("  - {n: ").append(i).append("}\n");
        return """
                id: careful-vs-hasty
                prompts:
                  - {id: careful, text: "careful question {{ n }}"}
                  - {id: hasty, text: "hasty question {{ n }}"}
                models: [simulator/sim-small]
                concurrency: 2
                defaults:
                  assert:
                    - {type: contains, value: CORRECT}
                dataset:
                """ + rows;
    }

    @TempDir Path dir;
    Engine engine;
    WorkbenchWindow window;

    @Start
    void start(Stage stage) throws Exception {
        engine = ExperimentTestEngines.scripted(dir.resolve("data"), SCRIPT);
        window = new WorkbenchWindow(engine, stage, WindowStateFile.in(dir), new ThemeStylesheets(List.of(dir.resolve("no-themes"))));
        window.shell().paneProperty().set(PaneId.EXPERIMENTS);
        window.show();
    }

    @AfterEach void close() { engine.close(); }

    @Test
    void startWatchCancelResume_thenOpenACell_andExportHtml(FxRobot robot) throws Exception {
        ExperimentsViewModel vm = window.experiments();
        Path file = dir.resolve("careful-vs-hasty.yaml");
        Files.writeString(file, experiment(200));
        robot.interact(() -> vm.openFile(file));

        robot.clickOn("#startRun");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.progressProperty().get() > 0.02);
        // the rate shows once a progress tick has seen cells finish: wait for the label itself, not the bar
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#runProgressText").queryLabeled().getText().contains("/s"));
        assertThat(robot.lookup("#runProgressText").queryLabeled().getText()).contains("/ 400 cells");

        robot.clickOn("#cancelRun");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        RunRecord cancelled = engine.experiments().store().runs().getFirst();
        assertThat(cancelled.status()).isEqualTo(RunRecord.Status.CANCELLED);
        assertThat(cancelled.done()).isBetween(1, 399);
        List<CellRecord> before = engine.experiments().store().cells(cancelled.id());
        assertThat(robot.lookup("#runList").queryListView().getItems()).extracting(r -> ((RunRecord) r).id()).contains(cancelled.id());

        robot.clickOn("#resumeRun");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.runningProperty().get()
                && engine.experiments().store().run(cancelled.id()).orElseThrow().status() == RunRecord.Status.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        List<CellRecord> after = engine.experiments().store().cells(cancelled.id());
        assertThat(after).hasSize(400);
        assertThat(new HashSet<>(after.stream().map(CellRecord::key).toList())).hasSize(400);
        // the cells finished before Cancel were kept, not run again
        for (CellRecord c : before) {
            assertThat(after).filteredOn(a -> a.key().equals(c.key())).singleElement().satisfies(a -> assertThat(a.finishedMs()).isEqualTo(c.finishedMs()));
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.resultsProperty().get() != null && vm.resultsProperty().get().cells().size() == 400);
        assertThat(robot.lookup("#runVerdict").queryLabeled().getText()).contains("careful");

        TableView<?> matrix = robot.lookup("#resultMatrix").queryTableView();
        assertThat(matrix.getItems()).hasSize(200);
        // select a cell as the keyboard does (a click on a row node can race the matrix's last refresh), then move down with the arrow key
        robot.interact(() -> {
            matrix.requestFocus();
            @SuppressWarnings("unchecked") var columns = (javafx.collections.ObservableList<javafx.scene.control.TableColumn<Object, ?>>) (Object) matrix.getColumns();
            ((TableView<Object>) (Object) matrix).getSelectionModel().clearAndSelect(1, columns.get(1));
        });
        assertThat(vm.cellProperty().get().caseIndex()).isEqualTo(1);
        robot.type(javafx.scene.input.KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.cellProperty().get()).isNotNull();
        assertThat(vm.cellProperty().get().caseIndex()).isEqualTo(2);
        assertThat(vm.cellProperty().get().arm()).isZero();
        assertThat(robot.lookup("#cellOutput").queryAs(TextArea.class).getText()).startsWith("The answer is");
        assertThat(robot.lookup("#cellAssertions").queryTableView().getItems()).hasSize(1);
        assertThat(robot.lookup("#cellTrace").queryAs(TextArea.class).getText()).contains("generate");

        Path html = dir.resolve("report.html");
        vm.export(ReportFormat.HTML, html).get(30, TimeUnit.SECONDS);
        String report = Files.readString(html);
        assertThat(report).contains("<html").contains("careful-vs-hasty").contains("<svg");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#runStatus").queryLabeled().getText()).isEqualTo("wrote " + html);
    }

    /** At 1280×800 before any run: the empty run list says what to do in full, not cut to "choose a file and...". */
    @Test
    void at1280px_theEmptyRunListShowsItsWholeHint(FxRobot robot) {
        robot.interact(() -> {
            window.stage().setWidth(1280);
            window.stage().setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.stage().getScene().getWidth()).isEqualTo(1280);

        Node runs = robot.lookup("#runList").query();
        assertThat(runs.lookupAll(".placeholder .label")).isNotEmpty();
        assertThat(Elided.under(runs, ".placeholder .label")).isEmpty();
    }

    /** At 1280×800 with a finished run and an opened cell: no table header, no verdict and no detail line is cut. */
    @Test
    void at1280px_tableHeadersAndTheVerdictShowTheirWholeText(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.stage().setWidth(1280);
            window.stage().setHeight(800);
        });
        ExperimentsViewModel vm = window.experiments();
        Path file = dir.resolve("careful-vs-hasty.yaml");
        Files.writeString(file, experiment(12));
        robot.interact(() -> vm.openFile(file));
        robot.interact(vm::start);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.runningProperty().get()
                && vm.resultsProperty().get() != null && vm.resultsProperty().get().cells().size() == 24);
        robot.interact(() -> vm.openCell(1, 2, 0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.cellProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.stage().getScene().getWidth()).isEqualTo(1280);

        Node tabs = robot.lookup("#experimentTabs").query();
        for (String table : List.of(".arm-table", "#resultMatrix", "#cellAssertions")) {
            TableView<?> t = robot.lookup(table).queryTableView();
            assertThat(t.getColumns()).as(table).isNotEmpty();
            assertThat(Elided.under(t, ".column-header .label")).as("headers of " + table).isEmpty();
            for (TableColumn<?, ?> c : t.getColumns()) assertThat(c.getWidth()).as(c.getText()).isGreaterThanOrEqualTo(c.getMinWidth());
        }
        assertThat(robot.lookup("#runVerdict").queryLabeled().getText()).contains("careful");
        assertThat(Elided.under(tabs, "#runVerdict")).isEmpty();
        assertThat(Elided.under(tabs, "#cellTitle, #cellFigures, #cellReason")).isEmpty();
    }
}
