package dev.cachet.ui.settings;

import dev.cachet.engine.Engine;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import dev.cachet.ui.shell.Theme;
import dev.cachet.ui.shell.ThemeStylesheets;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsViewModelTest {

    @TempDir Path dataDir;
    Engine engine;

    SettingsViewModel vm(Map<String, String> env) {
        engine = TestEngines.open(dataDir, TestEngines.FAST);
        return new SettingsViewModel(engine, new SimpleObjectProperty<>(Theme.LIGHT),
                new ThemeStylesheets(List.of(dataDir.resolve("themes"))), env::get, UiThread.direct());
    }

    @AfterEach void close() { engine.close(); }

    ProviderRow row(SettingsViewModel vm, String id) {
        return vm.providers().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void keysAreNamedByTheirVariable_neverShown() {
        var vm = vm(Map.of("OPENAI_API_KEY", "sk-secret-value"));
        assertThat(row(vm, "openai").keyStatus()).isEqualTo("OPENAI_API_KEY (set)");
        assertThat(row(vm, "anthropic").keyStatus()).isEqualTo("ANTHROPIC_API_KEY (not set)");
        assertThat(vm.providers()).allSatisfy(r -> assertThat(r.keyStatus() + r.baseUrl() + r.modelsProperty().get())
                .doesNotContain("sk-secret-value"));
    }

    @Test
    void testConnection_reportsLatencyAndModels() throws Exception {
        var vm = vm(Map.of());
        ProviderRow simulator = row(vm, "simulator");
        vm.testConnection(simulator).get(10, TimeUnit.SECONDS);
        assertThat(simulator.testResult()).startsWith("OK in ").endsWith("2 models");
        assertThat(simulator.modelsProperty().get()).isEqualTo("sim-small, sim-large");
    }

    @Test
    void cacheSettings_showSizeAndTtlPerCategory() {
        var vm = vm(Map.of());
        assertThat(vm.cacheSettings()).containsEntry("L1 (memory) size", "64 MiB").containsEntry("TTL · chat", "7 d");
        assertThat(vm.dataDir()).isEqualTo(dataDir.toString());
    }

    @Test
    void choosingATheme_setsTheSharedThemeProperty() {
        var vm = vm(Map.of());
        vm.themeProperty().set(Theme.DARK);
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(vm.themeChoices()).containsExactly(Theme.LIGHT, Theme.DARK);
    }
}
