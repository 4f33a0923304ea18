package dev.cachet.ui.shell;

import dev.cachet.ui.chat.ModelChoice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShellViewModelTest {

    @Test
    void startsOnTheRememberedPaneAndTheme() {
        var vm = new ShellViewModel(WindowState.DEFAULTS.withPane(PaneId.DASHBOARD).withTheme(Theme.DARK));
        assertThat(vm.paneProperty().get()).isEqualTo(PaneId.DASHBOARD);
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
    }

    @Test
    void shortcutDigits_selectPanesInOrder() {
        var vm = new ShellViewModel(WindowState.DEFAULTS);
        vm.selectShortcut(4);
        assertThat(vm.paneProperty().get()).isEqualTo(PaneId.EXPERIMENTS);
        vm.selectShortcut(9);
        assertThat(vm.paneProperty().get()).isEqualTo(PaneId.EXPERIMENTS);
    }

    @Test
    void theSimulatorIsNamedAsSuch() {
        var vm = new ShellViewModel(WindowState.DEFAULTS);
        vm.activeModelProperty().set(new ModelChoice("simulator", "sim-small", "simulator"));
        assertThat(vm.modelStatusProperty().get()).contains("simulator · sim-small").contains("simulator, not an LLM");
        vm.activeModelProperty().set(new ModelChoice("ollama", "llama3.2", "Ollama"));
        assertThat(vm.modelStatusProperty().get()).isEqualTo("Ollama · llama3.2");
    }

    @Test
    void unmeasuredFigures_sayNotMeasured_measuredOnesAreFormatted() {
        var vm = new ShellViewModel(WindowState.DEFAULTS);
        assertThat(vm.hitRateStatusProperty().get()).isEqualTo("hit rate: not measured");
        vm.show(new StatusFigures(12L, 3 * 1024L, 4.25, 0.5));
        assertThat(vm.cacheStatusProperty().get()).isEqualTo("cache: 12 entries, 3.0 KiB");
        assertThat(vm.rateStatusProperty().get()).isEqualTo("4.3 req/s");
        assertThat(vm.hitRateStatusProperty().get()).isEqualTo("hit rate 50%");
    }

    @Test
    void paneNamesParseCaseInsensitively() {
        assertThat(PaneId.parse("Dashboard")).isEqualTo(PaneId.DASHBOARD);
        assertThat(Theme.parse("DARK")).isEqualTo(Theme.DARK);
    }
}
