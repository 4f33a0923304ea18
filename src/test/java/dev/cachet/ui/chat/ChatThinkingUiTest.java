package dev.cachet.ui.chat;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.provider.RecordedServer;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.shell.ThemeStylesheets;
import dev.cachet.ui.shell.WindowStateFile;
import dev.cachet.ui.shell.WorkbenchWindow;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat window against a recorded Ollama thinking model: the reasoning sits in its own collapsible part. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ChatThinkingUiTest {

    @TempDir static Path dataDir;
    private RecordedServer ollama;
    private Engine engine;
    private WorkbenchWindow window;

    @Start
    void start(Stage stage) {
        ollama = new RecordedServer().route("/api/chat", RecordedServer.Reply.of("ollama/thinking-stream.http"));
        var patient = Duration.ofSeconds(30);
        var local = new ProviderConfig("ollama", "ollama", ollama.baseUrl(), null, "qwen3:8b", List.of("qwen3:8b"), null, patient, patient);
        Path dir = dataDir.resolve("run-" + System.nanoTime());
        engine = TestEngines.open(dir, TestEngines.FAST, List.of(local));
        window = new WorkbenchWindow(engine, stage, WindowStateFile.in(dir), new ThemeStylesheets(List.of(dataDir.resolve("no-themes-here"))));
        window.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.hideStage();
        engine.close();
        ollama.close();
    }

    @Test
    void thinkingAnswer_showsTheReasoningCollapsed_apartFromTheAnswer_andOpensOnClick(FxRobot robot) throws Exception {
        robot.interact(() -> window.chat().modelProperty().set(window.chat().models().stream()
                .filter(m -> m.model().equals("qwen3:8b")).findFirst().orElseThrow()));
        assertThat(robot.lookup("#think").queryAs(CheckBox.class).isVisible()).isTrue();
        assertThat(robot.lookup("#think").queryAs(CheckBox.class).isSelected()).as("qwen3 thinks by default").isTrue();
        assertThat(robot.lookup("#maxTokens").queryAs(TextField.class).getPromptText()).isEqualTo("server default");

        robot.clickOn("#chatInput").write("Why cache LLM calls?").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !window.chat().turns().isEmpty()
                && window.chat().turns().getLast().state() == ChatTurn.State.ANSWERED);
        WaitForAsyncUtils.waitForFxEvents();

        TitledPane thinking = robot.lookup("#thinking").queryAs(TitledPane.class);
        assertThat(thinking.isVisible()).isTrue();
        assertThat(thinking.isExpanded()).isFalse();
        assertThat(thinking.getText()).startsWith("Thought for ").endsWith("14 words");
        assertThat(robot.lookup(".answer-text").queryAs(Label.class).getText()).isEqualTo("Caching saves repeated calls.");

        robot.clickOn(thinking.lookup(".title"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(thinking.isExpanded()).isTrue();
        assertThat(robot.lookup(".thinking-text").queryAs(Label.class).getText()).startsWith("Okay, the user asks");
    }
}
