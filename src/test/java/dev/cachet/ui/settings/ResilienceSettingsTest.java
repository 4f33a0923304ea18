package dev.cachet.ui.settings;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import dev.cachet.ui.shell.Theme;
import dev.cachet.ui.shell.ThemeStylesheets;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings edits a provider's limits, retries and timeouts: a wrong value says what is wrong; a right one is saved and read back. */
class ResilienceSettingsTest {

    @TempDir Path dataDir;
    Engine engine;

    @AfterEach void close() { engine.close(); }

    private SettingsViewModel vm() {
        engine = TestEngines.open(dataDir, TestEngines.FAST);
        return new SettingsViewModel(engine, new SimpleObjectProperty<>(Theme.LIGHT), new ThemeStylesheets(List.of(dataDir.resolve("themes"))),
                Map.<String, String>of()::get, UiThread.direct());
    }

    @Test
    void wrongValues_namedPerField_andSaveStaysOff() {
        var vm = vm();
        var r = SettingsViewModelTest.provider(vm, "openai").resilience();
        assertThat(r.attempts().text()).isEqualTo("3");
        assertThat(r.firstToken().text()).isEqualTo("1m");
        r.attempts().setText("0");
        r.firstToken().setText("soon");
        r.tokensPerMinute().setText("-5");
        assertThat(r.attempts().error()).isEqualTo("must be within 1..20, was 0");
        assertThat(r.firstToken().error()).contains("'soon' is not a duration");
        assertThat(r.tokensPerMinute().error()).contains("must be within 1..");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.save()).isFalse();
    }

    @Test
    void rightValues_areSaved_andReadBack() throws Exception {
        var vm = vm();
        var r = SettingsViewModelTest.provider(vm, "openai").resilience();
        r.firstToken().setText("5s");
        r.total().setText("2m");
        r.attempts().setText("5");
        r.breakerCoolDown().setText("10s");
        r.tokensPerMinute().setText("30000");
        r.concurrency().setText("4");
        assertThat(vm.save()).isTrue();
        String yaml = Files.readString(dataDir.resolve(ConfigFile.NAME));
        assertThat(yaml).contains("resilience:").contains("maxAttempts: 5").contains("tokensPerMinute: 30000");
        var openai = new ConfigFile().load(dataDir).providers().stream().filter(p -> p.id().equals("openai")).findFirst().orElseThrow();
        assertThat(openai.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(openai.resilience().timeouts().total()).isEqualTo(Duration.ofMinutes(2));
        assertThat(openai.resilience().retry().maxAttempts()).isEqualTo(5);
        assertThat(openai.resilience().breaker().coolDown()).isEqualTo(Duration.ofSeconds(10));
        assertThat(openai.resilience().limits().maxConcurrency()).isEqualTo(4);
    }
}
