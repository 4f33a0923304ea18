package dev.cachet.ui.shell;

import dev.cachet.engine.Engine;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.chat.ChatTurn;
import io.fair_acc.chartfx.XYChart;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.control.TableView;
import dev.cachet.ui.fx.Elided;
import javafx.scene.control.Label;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real window, driven through TestFX (headless: JavaFX's glass Headless platform). */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest {

    @TempDir static Path dataDir;
    Engine engine;
    WorkbenchWindow window;
    Path dir;

    @Start
    void start(Stage stage) {
        dir = dataDir.resolve("run-" + System.nanoTime());
        engine = TestEngines.open(dir, SimulatorSettings.DEFAULTS.withLatency(Duration.ofMillis(20), 2_000),
                List.of(TestEngines.deadOllama()));
        window = new WorkbenchWindow(engine, stage, WindowStateFile.in(dir),
                new ThemeStylesheets(List.of(dataDir.resolve("no-themes-here"))));
        window.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.hideStage();
        engine.close();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
    }

    private ChatTurn lastTurn() { return window.chat().turns().getLast(); }

    @Test
    void typingAMessageAndPressingEnter_streamsTheAnswerWithBadges(FxRobot robot) throws Exception {
        robot.clickOn("#chatInput").write("What does the exact cache key cover?").type(KeyCode.ENTER);

        waitUntil(() -> !window.chat().turns().isEmpty() && lastTurn().state() == ChatTurn.State.ANSWERED);
        WaitForAsyncUtils.waitForFxEvents();
        Label answer = robot.lookup(".answer-text").queryAs(Label.class);
        assertThat(answer.getText()).startsWith("[simulated answer]");
        assertThat(robot.lookup(".badge").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("simulator/sim-small").anyMatch(t -> t.startsWith("TTFT"));
        assertThat(robot.lookup("#chatInput").queryTextInputControl().getText()).isEmpty();
    }

    @Test
    void clickingTheBadges_opensTheTraceStageByStage(FxRobot robot) throws Exception {
        robot.clickOn("#chatInput").write("trace me").type(KeyCode.ENTER);
        waitUntil(() -> !window.chat().turns().isEmpty() && lastTurn().state() == ChatTurn.State.ANSWERED);
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#badges");
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        var table = (javafx.scene.control.TableView<dev.cachet.ui.chat.TraceRow>) robot.lookup("#traceTable").query();
        assertThat(table.getItems()).extracting(dev.cachet.ui.chat.TraceRow::stage).contains("resolve", "exact", "generate");
        assertThat(table.getItems()).extracting(dev.cachet.ui.chat.TraceRow::decision).contains("miss", "called");
        assertThat(robot.lookup("#traceSummary").queryAs(Label.class).getText()).contains("TTFT").contains("total");
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void closingTheWindow_remembersPaneThemeAndSize(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        robot.interact(() -> {
            window.shell().themeProperty().set(Theme.DARK);
            window.stage().setWidth(1111);
            window.stage().hide();
        });
        WindowState saved = WindowStateFile.in(dir).load();
        assertThat(saved.pane()).isEqualTo(PaneId.DASHBOARD);
        assertThat(saved.theme()).isEqualTo(Theme.DARK);
        assertThat(saved.width()).isEqualTo(1111);
    }

    @Test
    void paneAndTheme_areSavedWhenTheyChange_notOnlyOnClose(FxRobot robot) {
        // A session ended by a signal never closes the window: what the user chose must already be on disk.
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        robot.interact(() -> window.shell().themeProperty().set(Theme.DARK));
        WindowState saved = WindowStateFile.in(dir).load();
        assertThat(saved.pane()).isEqualTo(PaneId.DASHBOARD);
        assertThat(saved.theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void shiftEnter_addsALineInsteadOfSending(FxRobot robot) {
        robot.clickOn("#chatInput").write("line one").press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT).write("two");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#chatInput").queryTextInputControl().getText()).isEqualTo("line one\ntwo");
        assertThat(window.chat().turns()).isEmpty();
    }

    @Test
    void stop_cancelsASlowAnswer(FxRobot robot) throws Exception {
        engine.simulator().settings(SimulatorSettings.DEFAULTS.withLatency(Duration.ofMillis(50), 2));
        robot.clickOn("#chatInput").write("a slow one").clickOn("#sendButton");
        waitUntil(() -> !lastTurn().answer().isEmpty());

        robot.clickOn("#stopButton");

        waitUntil(() -> lastTurn().state() == ChatTurn.State.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".turn-note").queryAllAs(Label.class)).extracting(Label::getText).contains("stopped");
        assertThat(robot.lookup("#sendButton").query().isDisabled()).isFalse();
    }

    @Test
    void ctrlDigits_switchPanes(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.shell().paneProperty().get()).isEqualTo(PaneId.SETTINGS);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.shell().paneProperty().get()).isEqualTo(PaneId.CHAT);
    }

    @Test
    void switchingTheme_restylesTheWindowAtOnce(FxRobot robot) {
        robot.clickOn("#nav-settings");
        int lightSheets = window.window().scene().getStylesheets().size();
        robot.clickOn("#theme-dark");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.shell().themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(window.window().scene().getStylesheets()).hasSize(lightSheets + 1);
        assertThat(window.window().scene().getRoot().getStyleClass()).contains("theme-dark");
        Node nav = robot.lookup(".nav").query();
        assertThat(nav.getStyleClass()).contains("nav");
    }

    @Test
    void anUnknownModel_showsAnInlineErrorWithWhatToDo(FxRobot robot) throws Exception {
        robot.interact(() -> window.chat().modelProperty().set(
                new dev.cachet.ui.chat.ModelChoice("simulator", "gone-model", "simulator")));
        robot.clickOn("#chatInput").write("hello?").type(KeyCode.ENTER);

        waitUntil(() -> lastTurn().state() == ChatTurn.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts = robot.lookup("#turnError .label").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(texts).contains("Unknown model").anyMatch(t -> t.contains("gone-model"))
                .anyMatch(t -> t.contains("model picker")).noneMatch(t -> t.contains("Exception"));
    }

    @Test
    void theSameMessageAgain_isAnExactHit_andTheDashboardsHitRateMoves(FxRobot robot) throws Exception {
        robot.clickOn("#chatInput").write("Is this answer cached?").type(KeyCode.ENTER);
        waitUntil(() -> lastTurn().state() == ChatTurn.State.ANSWERED);
        robot.clickOn("#newConversation");
        robot.clickOn("#chatInput").write("Is this answer cached?").type(KeyCode.ENTER);
        waitUntil(() -> !window.chat().turns().isEmpty() && lastTurn().state() == ChatTurn.State.ANSWERED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup(".badge-cache").queryAllAs(Label.class)).extracting(Label::getText).containsExactly("exact hit");
        assertThat(robot.lookup(".badge").queryAllAs(Label.class)).extracting(Label::getText).anyMatch(t -> t.startsWith("saved $"));

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        XYChart chart = robot.lookup("#chart-hitRate").queryAs(XYChart.class);
        // The hit lands in the open second; the dashboard charts closed seconds, refreshed once a second.
        waitUntil(() -> chart.getDatasets().stream().filter(d -> d.getName().equals("exact"))
                .anyMatch(d -> max(d) > 0));
        // The KPIs follow the charts on the dashboard's next refresh (once a second).
        waitUntil(() -> robot.lookup("#kpi-hit-rate").queryAs(Label.class).getText().equals("50.0%"));
        assertThat(robot.lookup("#statusHitRate").queryAs(Label.class).getText()).isEqualTo("hit rate 50%");
    }

    @Test
    void aProviderAtADeadUrl_showsUnreachableInline_namingTheUrl(FxRobot robot) throws Exception {
        var dead = window.chat().models().stream().filter(m -> m.provider().equals("deadlocal")).findFirst().orElseThrow();
        robot.interact(() -> window.chat().modelProperty().set(dead));
        robot.clickOn("#chatInput").write("anyone there?").type(KeyCode.ENTER);

        waitUntil(() -> lastTurn().state() == ChatTurn.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts = robot.lookup("#turnError .label").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(texts).contains("Model server unreachable").anyMatch(t -> t.contains("127.0.0.1:9"))
                .anyMatch(t -> t.contains("Settings")).noneMatch(t -> t.contains("Exception"));
    }

    private static double max(io.fair_acc.dataset.DataSet d) {
        double m = 0;
        for (int i = 0; i < d.getDataCount(); i++) m = Math.max(m, d.get(io.fair_acc.dataset.DataSet.DIM_Y, i));
        return m;
    }

    /** The Dashboard at 1280×800: every headline figure, the no-traffic hint and the provider-health headers are whole, no chart is squeezed flat. */
    @Test
    void at1280px_figuresAndHealthHeadersAreWhole_andChartsKeepTheirHeight(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.shell().paneProperty().set(PaneId.DASHBOARD);
            window.stage().setWidth(1280);
            window.stage().setHeight(800);
        });
        // the refresh starts after the first frame: wait for the last headline figure and the providers
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#kpi-LLM-fallback").tryQuery().isPresent()
                && !robot.lookup("#providerHealth").queryTableView().getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Node pane = robot.lookup(".dashboard-view").query();
        assertThat(window.stage().getScene().getWidth()).isEqualTo(1280);

        assertThat(robot.lookup(".kpi-value").queryAll()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(Elided.under(pane, ".kpi-value, .kpi-label, #dashboardEmpty")).isEmpty();
        // nothing has been asked yet: the pane says how to fill it
        assertThat(robot.lookup("#dashboardEmpty").queryLabeled().isVisible()).isTrue();
        assertThat(robot.lookup("#dashboardEmpty").queryLabeled().getText()).contains("Load");
        TableView<?> health = robot.lookup("#providerHealth").queryTableView();
        assertThat(Elided.under(health, ".column-header .label")).isEmpty();
        for (Node card : robot.lookup(".chart-card").queryAll()) {
            assertThat(((Region) card).getHeight()).as(card.getId()).isGreaterThanOrEqualTo(dev.cachet.ui.dashboard.DashboardView.MIN_CARD_HEIGHT);
        }
    }
}
