package dev.cachet.ui.shell;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.faults.FaultServer;
import dev.cachet.ui.chat.ChatTurn;
import dev.cachet.ui.chat.ModelChoice;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's text — what a screenshot shows, every label, field, tooltip of every open window — after
 * chats against a provider that quotes the key back in its 401: the key is nowhere in it.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class KeyLeakUiTest {

    private static final String KEY = "sk-ui-leak-test-0123456789abcdefFAKE";

    @TempDir static Path dataDir;
    FaultServer server;
    Engine engine;
    WorkbenchWindow window;

    @Start
    void start(Stage stage) {
        server = new FaultServer().behave(FaultServer.Behaviour.unauthorizedEchoingKey());
        var echoing = new ProviderConfig("echoing", "openai", server.baseUrl(), "LEAK_TEST_KEY", "fault-model", List.of("fault-model"), null,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        var config = CachetConfig.defaults().withProviders(List.of(echoing)).withDefaultProvider("simulator");
        Path dir = dataDir.resolve("run-" + System.nanoTime());
        engine = Engine.open(new EngineOptions(dir, config, false, InstantSource.system(), Environment.of(Map.of("LEAK_TEST_KEY", KEY)),
                ModelCatalogue.builtIn()));
        window = new WorkbenchWindow(engine, stage, WindowStateFile.in(dir), new ThemeStylesheets(List.of(dataDir.resolve("no-themes"))));
        window.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.hideStage();
        engine.close();
        server.close();
    }

    @Test
    void afterFailedChatsWithAKnownKey_noWindowTextHoldsIt(FxRobot robot) throws Exception {
        robot.interact(() -> window.chat().modelProperty().set(new ModelChoice("echoing", "fault-model", "echoing")));
        for (String q : List.of("first question", "second question")) {
            int before = window.chat().turns().size();
            robot.clickOn("#chatInput").write(q).type(KeyCode.ENTER);
            WorkbenchUiTest.waitUntil(() -> window.chat().turns().size() > before
                    && window.chat().turns().getLast().state() == ChatTurn.State.FAILED);
        }
        assertThat(server.requests()).isEqualTo(2);
        var seen = new StringBuilder();
        for (String pane : List.of("#nav-chat", "#nav-dashboard", "#nav-settings")) {
            robot.clickOn(pane);
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> Window.getWindows().forEach(w -> { if (w.getScene() != null) collect(w.getScene().getRoot(), seen); }));
        }
        assertThat(seen.toString()).contains("rejected the API key").doesNotContain(KEY).doesNotContain(KEY.substring(KEY.length() - 16));
    }

    /** Every text a node shows or would show on hover. */
    private static void collect(Node n, StringBuilder out) {
        if (n instanceof Labeled l) out.append(l.getText()).append('\n');
        if (n instanceof TextInputControl t) out.append(t.getText()).append('\n').append(t.getPromptText()).append('\n');
        if (n instanceof javafx.scene.text.Text t) out.append(t.getText()).append('\n');
        if (n instanceof javafx.scene.control.Control c && c.getTooltip() != null) out.append(c.getTooltip().getText()).append('\n');
        Object tip = n.getProperties().get("javafx.scene.control.Tooltip");
        if (tip instanceof Tooltip t) out.append(t.getText()).append('\n');
        if (n instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) collect(child, out);
    }
}
