package dev.cachet.ui.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.experiments.ExperimentTestEngines;
import dev.cachet.ui.fx.Elided;
import dev.cachet.ui.shell.PaneId;
import dev.cachet.ui.shell.ThemeStylesheets;
import dev.cachet.ui.shell.WindowStateFile;
import dev.cachet.ui.shell.WorkbenchWindow;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Experiments pane at 1280×800 with a finished run and an opened cell: no header and no verdict is cut. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ExperimentsLayoutUiTest {

    @TempDir Path dir;
    Engine engine;
    WorkbenchWindow window;

    @Start
    void start(Stage stage) throws Exception {
        engine = ExperimentTestEngines.scripted(dir.resolve("data"), ExperimentsUiTest.SCRIPT);
        window = new WorkbenchWindow(engine, stage, WindowStateFile.in(dir), new ThemeStylesheets(List.of(dir.resolve("no-themes"))));
        window.shell().paneProperty().set(PaneId.EXPERIMENTS);
        stage.setWidth(1280);
        stage.setHeight(800);
        window.show();
    }

    @AfterEach void close() { engine.close(); }

    @Test
    void at1280px_tableHeadersAndTheVerdictShowTheirWholeText(FxRobot robot) throws Exception {
        ExperimentsViewModel vm = window.experiments();
        Path file = dir.resolve("careful-vs-hasty.yaml");
        Files.writeString(file, ExperimentsUiTest.experiment(12));
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
