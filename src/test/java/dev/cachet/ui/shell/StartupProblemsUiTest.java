package dev.cachet.ui.shell;

import dev.cachet.engine.Engine;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.ui.TestEngines;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up problems appear in a dialog over the window, grouped by what they affect, each with what to do. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class StartupProblemsUiTest {

    @TempDir static Path dataDir;
    Engine engine;
    WorkbenchWindow window;

    @Start
    void start(Stage stage) {
        Path dir = dataDir.resolve("run-" + System.nanoTime());
        engine = TestEngines.open(dir, SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0), List.of(TestEngines.deadOllama()));
        window = new WorkbenchWindow(engine, stage, WindowStateFile.in(dir), new ThemeStylesheets(List.of(dataDir.resolve("none"))));
        window.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.hideStage();
        engine.close();
    }

    @Test
    void problems_showInADialogOverTheWindow_groupedWithWhatToDo(FxRobot robot) {
        String action = "Cachet is running on the built-in defaults. Fix cachet.yaml and restart.";
        var shown = new AtomicReference<Alert>();
        robot.interact(() -> shown.set(window.showProblems(List.of(
                new StartupProblem("Settings file not used", "cachet.yaml:1:18: field defaultProvider: unknown provider 'nosuch'", action),
                new StartupProblem("Settings file not used", "cachet.yaml:3:5: field providers[0].baseUrl: needed", action)))));
        WaitForAsyncUtils.waitForFxEvents();

        Alert alert = shown.get();
        assertThat(alert.isShowing()).isTrue();
        assertThat(alert.getOwner()).as("stays over its window").isSameAs(window.stage());
        assertThat(alert.getHeaderText()).isEqualTo("Cachet started, but 2 things need your attention");
        assertThat(robot.lookup("#startupProblems .section-title").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("Settings file not used");
        assertThat(robot.lookup("#startupProblems .startup-problem-detail").queryAs(TextArea.class).getText())
                .isEqualTo("cachet.yaml:1:18: field defaultProvider: unknown provider 'nosuch'\ncachet.yaml:3:5: field providers[0].baseUrl: needed");
        assertThat(robot.lookup("#startupProblems .startup-problem-action").queryAs(Label.class).getText()).isEqualTo(action);

        robot.interact(() -> ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.OK)).fire());
        assertThat(alert.isShowing()).isFalse();
        assertThat(window.stage().isShowing()).as("the window stays open").isTrue();
    }
}
