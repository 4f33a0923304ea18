package dev.cachet.ui.dashboard;

import dev.cachet.engine.Engine;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.Elided;
import dev.cachet.ui.shell.PaneId;
import dev.cachet.ui.shell.ThemeStylesheets;
import dev.cachet.ui.shell.WindowStateFile;
import dev.cachet.ui.shell.WorkbenchWindow;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
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

/** The Dashboard at 1280×800: every headline figure and the provider-health headers are shown whole, no chart is squeezed flat. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DashboardLayoutUiTest {

    @TempDir Path dir;
    Engine engine;
    WorkbenchWindow window;

    @Start
    void start(Stage stage) {
        engine = TestEngines.open(dir.resolve("data"), SimulatorSettings.DEFAULTS.withLatency(Duration.ofMillis(5), 2_000),
                List.of(TestEngines.deadOllama()));
        window = new WorkbenchWindow(engine, stage, WindowStateFile.in(dir), new ThemeStylesheets(List.of(dir.resolve("no-themes"))));
        window.shell().paneProperty().set(PaneId.DASHBOARD);
        stage.setWidth(1280);
        stage.setHeight(800);
        window.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.hideStage();
        engine.close();
    }

    @Test
    void at1280px_figuresAndHealthHeadersAreWhole_andChartsKeepTheirHeight(FxRobot robot) throws Exception {
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
            assertThat(((Region) card).getHeight()).as(card.getId()).isGreaterThanOrEqualTo(DashboardView.MIN_CARD_HEIGHT);
        }
    }
}
