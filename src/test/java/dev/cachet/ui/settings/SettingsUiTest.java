package dev.cachet.ui.settings;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.shell.PaneId;
import dev.cachet.ui.shell.ThemeStylesheets;
import dev.cachet.ui.shell.WindowStateFile;
import dev.cachet.ui.shell.WorkbenchWindow;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Settings pane in the real window, driven through TestFX (headless). */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SettingsUiTest {

    @TempDir static Path dataDir;
    Engine engine;
    WorkbenchWindow window;
    Stage stage;
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        dir = dataDir.resolve("run-" + System.nanoTime());
        engine = TestEngines.open(dir, TestEngines.FAST);
        window = open(engine);
        window.show();
    }

    private WorkbenchWindow open(Engine e) {
        return new WorkbenchWindow(e, stage, WindowStateFile.in(dir), new ThemeStylesheets(List.of(dataDir.resolve("no-themes-here"))));
    }

    /** Focuses a field below the fold (as Tab would; the robot can only click what is on screen). */
    private static void focus(FxRobot robot, String query) {
        robot.interact(() -> robot.lookup(query).query().requestFocus());
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.hideStage();
        engine.close();
    }

    @Test
    void changingTheSimulatorsTtft_andCtrlS_writesTheFile_andTheValueIsThereAfterReopening(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        focus(robot, "#sim-ttft");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("40ms");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(engine.simulator().settings().timeToFirstToken()).isEqualTo(Duration.ofMillis(40));
        assertThat(robot.lookup("#saveSettings").query().isDisabled()).isFalse();

        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        Path file = dir.resolve(ConfigFile.NAME);
        assertThat(Files.readString(file)).contains("timeToFirstToken: 40ms");
        assertThat(robot.lookup("#settingsStatus").queryAs(Label.class).getText()).isEqualTo("Saved to " + file);
        assertThat(robot.lookup("#saveSettings").query().isDisabled()).isTrue();

        // Reopen: a new engine from the file, a new window on the same stage.
        robot.interact(() -> window.dashboard().stop());
        engine.close();
        var reopened = Engine.open(new EngineOptions(dir, new ConfigFile().load(dir), false, InstantSource.system()));
        engine = reopened;
        robot.interact(() -> {
            window = open(reopened);
            window.shell().paneProperty().set(PaneId.SETTINGS);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#sim-ttft").queryAs(TextField.class).getText()).isEqualTo("40ms");
        assertThat(reopened.simulator().settings().timeToFirstToken()).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void aBadValue_showsItsMessageBesideTheField_andSaveIsOff(FxRobot robot) {
        robot.clickOn("#nav-settings");
        focus(robot, "#ttl-chat");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("3x");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup(".field-message").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("TTL '3x': write e.g. 250ms, 2s, 5m, 1h, 7d");
        assertThat(robot.lookup("#saveSettings").query().isDisabled()).isTrue();
    }

    @Test
    void tab_reachesEveryField(FxRobot robot) {
        robot.clickOn("#nav-settings");
        robot.clickOn("#theme-light");
        var reached = new LinkedHashSet<String>();
        for (int i = 0; i < 90; i++) {
            robot.type(KeyCode.TAB);
            Node focused = stage.getScene().getFocusOwner();
            if (focused != null && focused.getId() != null) reached.add(focused.getId());
        }
        // Fields in a collapsed section (a provider's limits) are reached by opening it first, not by Tab.
        var fields = robot.lookup(".text-field").queryAllAs(TextField.class).stream().filter(SettingsUiTest::shown)
                .map(Node::getId).filter(id -> id != null).toList();
        assertThat(fields).contains("sim-ttft", "sim-429", "cache-l1", "ttl-chat", "provider-ollama-url", "provider-openai-keyEnv");
        assertThat(reached).containsAll(fields).contains("addProvider", "test-ollama");
    }

    private static boolean shown(Node n) {
        for (Node at = n; at != null; at = at.getParent()) if (!at.isVisible()) return false;
        return true;
    }
}
