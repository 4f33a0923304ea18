package dev.cachet.ui.shell;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up problems appear in a dialog over the window, each with its title, line and what to do. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class StartupProblemsDialogUiTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(new Label("the window")), 800, 600));
        stage.show();
    }

    @Test
    void everyProblemIsShown_overTheWindow_andEnterClosesTheDialog(FxRobot robot) {
        var problems = List.of(
                new StartupProblem("The database cannot be used", "/data/cachet.db is read-only: make the file writable",
                        "Cachet opened with an empty temporary database instead."),
                new StartupProblem("The configuration has a problem", "cachet.yaml:3:5: field cache.l1MaxBytes: must be at least 1024",
                        "Cachet started with the built-in defaults."));
        Alert[] shown = new Alert[1];
        robot.interact(() -> {
            shown[0] = StartupProblemsDialog.of(stage, problems);
            shown[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown[0].isShowing()).isTrue();
        assertThat(shown[0].getOwner()).isSameAs(stage);
        assertThat(shown[0].getHeaderText()).isEqualTo("2 problems at start-up");
        List<String> texts = robot.lookup("#startupProblems .label").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(texts).containsExactly(
                "The database cannot be used", "/data/cachet.db is read-only: make the file writable",
                "Cachet opened with an empty temporary database instead.",
                "The configuration has a problem", "cachet.yaml:3:5: field cache.l1MaxBytes: must be at least 1024",
                "Cachet started with the built-in defaults.");

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown[0].isShowing()).isFalse();
        assertThat(stage.isShowing()).isTrue();
    }
}
