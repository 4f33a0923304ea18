package dev.cachet.ui.settings;

import com.sun.net.httpserver.HttpServer;
import dev.cachet.engine.Engine;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import dev.cachet.ui.shell.Theme;
import dev.cachet.ui.shell.ThemeStylesheets;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    static ProviderForm provider(SettingsViewModel vm, String id) {
        return vm.providers().stream().filter(r -> r.id().text().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void atStart_fieldsShowTheRunningConfig_cleanAndValid() {
        var vm = vm(Map.of());
        assertThat(vm.providers()).extracting(p -> p.id().text()).containsExactly("ollama", "openai", "anthropic");
        assertThat(provider(vm, "openai").requestsPerSecond().text()).isEqualTo("8");
        assertThat(vm.timeToFirstToken().text()).isEqualTo("0ms");
        assertThat(vm.l1Size().text()).isEqualTo("64 MiB");
        assertThat(vm.ttl().get("chat").text()).isEqualTo("7d");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.dirtyProperty().get()).isFalse();
    }

    @Test
    void providersSwitchedOffInTheFile_areNotListed_andASaveKeepsThemOff() throws Exception {
        var local = new dev.cachet.engine.config.ProviderConfig("local", "openai", "http://127.0.0.1:8080/v1", null, "qwen",
                List.of(), null, null, null).disabled();
        var withoutAnthropic = new java.util.ArrayList<>(CachetConfig.BUILT_IN_PROVIDERS.subList(0, 2));
        withoutAnthropic.add(local);
        engine = TestEngines.open(dataDir, TestEngines.FAST, withoutAnthropic);
        var vm = new SettingsViewModel(engine, new SimpleObjectProperty<>(Theme.LIGHT),
                new ThemeStylesheets(List.of(dataDir.resolve("themes"))), Map.<String, String>of()::get, UiThread.direct());

        assertThat(vm.providers()).extracting(p -> p.id().text()).containsExactly("ollama", "openai");
        vm.timeToFirstToken().setText("40ms");
        assertThat(vm.save()).isTrue();

        CachetConfig reloaded = new ConfigFile().load(dataDir);
        assertThat(reloaded.activeProviders()).extracting(p -> p.id()).containsExactly("ollama", "openai");
        assertThat(reloaded.provider("anthropic").enabled()).isFalse();
        assertThat(reloaded.provider("local")).isEqualTo(local);
    }

    @Test
    void errorBound_isAShareOrAPercent_savedForTheNextStart() throws Exception {
        var vm = vm(Map.of());
        assertThat(vm.errorBound().text()).isEqualTo("2%");
        vm.errorBound().setText("150%");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errorBound().error()).contains("above 0 and below 100%");
        vm.errorBound().setText("0.5%");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.save()).isTrue();
        var saved = new ConfigFile().load(dataDir);
        assertThat(saved.semantic().calibration().errorBound()).isEqualTo(0.005);
        assertThat(vm.errorBound().note()).isEqualTo("saved · applies on next start");
    }

    @Test
    void semanticEntryCap_isAWholeNumber_savedForTheNextStart() throws Exception {
        var vm = vm(Map.of());
        assertThat(vm.semanticMaxEntries().text()).isEqualTo("50000");
        vm.semanticMaxEntries().setText("0");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.semanticMaxEntries().error()).contains("a whole number of at least 1");
        vm.semanticMaxEntries().setText("lots");
        assertThat(vm.validProperty().get()).isFalse();
        vm.semanticMaxEntries().setText("20,000");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.save()).isTrue();
        assertThat(new ConfigFile().load(dataDir).semantic().maxEntries()).isEqualTo(20_000);
        assertThat(vm.semanticMaxEntries().note()).isEqualTo("saved · applies on next start");
    }

    @Test
    void keysAreNamedByTheirVariable_neverShown() {
        var vm = vm(Map.of("OPENAI_API_KEY", "sk-secret-value"));
        assertThat(provider(vm, "openai").keyStatusProperty().get()).isEqualTo("OPENAI_API_KEY is set");
        assertThat(provider(vm, "anthropic").keyStatusProperty().get()).isEqualTo("ANTHROPIC_API_KEY is not set");
        assertThat(provider(vm, "ollama").keyStatusProperty().get()).isEqualTo("no key (fine for local servers)");

        provider(vm, "anthropic").keyEnv().setText("OPENAI_API_KEY");
        assertThat(provider(vm, "anthropic").keyStatusProperty().get()).isEqualTo("OPENAI_API_KEY is set");
    }

    @Test
    void aPastedKey_isRefused_andNotRepeatedInTheMessage() {
        var vm = vm(Map.of());
        var openai = provider(vm, "openai");
        openai.keyEnv().setText("sk-proj-abc123");
        assertThat(openai.keyEnv().error()).isEqualTo("write the NAME of an environment variable (e.g. OPENAI_API_KEY), not the key itself");
        assertThat(openai.keyStatusProperty().get()).isEmpty();
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.save()).isFalse();
        assertThat(Files.exists(dataDir.resolve(ConfigFile.NAME))).isFalse();
    }

    @Test
    void eachBadField_saysWhatToWrite() {
        var vm = vm(Map.of());
        var ollama = provider(vm, "ollama");
        ollama.baseUrl().setText("localhost:11434");
        ollama.requestsPerSecond().setText("fast");
        ollama.fallbacks().setText("nowhere/x");
        ollama.defaultModel().setText(" ");
        provider(vm, "openai").id().setText("ollama");
        vm.timeToFirstToken().setText("3x");
        vm.errorRate().setText("2");
        vm.l1Size().setText("lots");
        vm.ttl().get("chat").setText("3x");

        assertThat(ollama.baseUrl().error()).isEqualTo("base URL must start with http:// or https://");
        assertThat(ollama.requestsPerSecond().error()).isEqualTo("requests/s 'fast': write a number, 0 = no limit");
        assertThat(ollama.fallbacks().error()).isEqualTo("fallback 'nowhere/x' is not a provider here (known: ollama, anthropic, simulator)");
        assertThat(ollama.defaultModel().error()).startsWith("default model is required");
        assertThat(provider(vm, "anthropic").id().error()).isEmpty();
        assertThat(vm.providers().get(1).id().error()).isEqualTo("another provider already has id 'ollama'");
        assertThat(vm.timeToFirstToken().error()).isEqualTo("TTFT '3x': write e.g. 250ms, 2s, 5m, 1h, 7d");
        assertThat(vm.errorRate().error()).isEqualTo("error rate '2': write a share from 0 to 1, e.g. 0.05 or 5%");
        assertThat(vm.l1Size().error()).isEqualTo("L1 size 'lots': write e.g. 64 MiB, 512 KiB or 1 GiB");
        assertThat(vm.ttl().get("chat").error()).isEqualTo("TTL '3x': write e.g. 250ms, 2s, 5m, 1h, 7d");
        assertThat(vm.validProperty().get()).isFalse();

        vm.ttl().get("chat").setText("12h");
        assertThat(vm.ttl().get("chat").error()).isEmpty();
    }

    @Test
    void dirty_followsWhatTheFieldsMean_notTheirSpelling() {
        var vm = vm(Map.of());
        vm.l1Size().setText("128 MiB");
        assertThat(vm.dirtyProperty().get()).isTrue();
        vm.l1Size().setText("65536 KiB");
        assertThat(vm.dirtyProperty().get()).isFalse();
        provider(vm, "ollama").baseUrl().setText("http://127.0.0.1:11434");
        assertThat(vm.dirtyProperty().get()).isTrue();
        vm.revert();
        assertThat(provider(vm, "ollama").baseUrl().text()).isEqualTo("http://localhost:11434");
        assertThat(vm.dirtyProperty().get()).isFalse();
    }

    @Test
    void simulatorFields_applyLive_andRevertRestoresThem() {
        var vm = vm(Map.of());
        vm.timeToFirstToken().setText("1.5s");
        vm.errorRate().setText("25%");
        vm.rateLimitRate().setText("0.1");
        vm.tokensPerSecond().setText("12");

        var running = engine.simulator().settings();
        assertThat(running.timeToFirstToken()).isEqualTo(Duration.ofMillis(1500));
        assertThat(running.errorRate()).isEqualTo(0.25);
        assertThat(running.rateLimitRate()).isEqualTo(0.1);
        assertThat(running.tokensPerSecond()).isEqualTo(12);

        vm.timeToFirstToken().setText("1.5 lightyears");
        assertThat(engine.simulator().settings().timeToFirstToken()).isEqualTo(Duration.ofMillis(1500));

        vm.revert();
        assertThat(engine.simulator().settings().timeToFirstToken()).isZero();
        assertThat(engine.simulator().settings().errorRate()).isZero();
    }

    @Test
    void save_writesTheFile_whichReadsBackAsTheEditedConfig() throws Exception {
        var vm = vm(Map.of());
        var local = vm.addProvider(SettingsViewModel.NewProvider.OPENAI_COMPATIBLE);
        assertThat(local.id().text()).isEqualTo("local");
        assertThat(local.defaultModel().error()).startsWith("default model is required");
        local.defaultModel().setText("qwen2.5-0.5b-instruct");
        local.fallbacks().setText("simulator");
        local.requestsPerSecond().setText("2.5");
        vm.removeProvider(provider(vm, "anthropic"));
        vm.timeToFirstToken().setText("40ms");
        vm.l1Size().setText("128 MiB");
        vm.ttl().get("chat").setText("1d");

        Map<String, Object> beforeSave = Map.of("dirty", vm.dirtyProperty().get(), "valid", vm.validProperty().get());
        assertThat(beforeSave).containsEntry("dirty", true).containsEntry("valid", true);
        assertThat(vm.save()).isTrue();

        CachetConfig reloaded = new ConfigFile().load(dataDir);
        assertThat(reloaded.activeProviders()).extracting(p -> p.id()).containsExactly("ollama", "openai", "local");
        assertThat(reloaded.provider("anthropic").enabled()).as("a removed built-in is written as enabled: false").isFalse();
        var saved = reloaded.provider("local");
        assertThat(saved.kind()).isEqualTo("openai");
        assertThat(saved.baseUrl()).isEqualTo("http://127.0.0.1:8080/v1");
        assertThat(saved.apiKeyEnv()).isNull();
        assertThat(saved.fallbacks()).containsExactly("simulator");
        assertThat(saved.requestsPerSecond()).isEqualTo(2.5);
        assertThat(reloaded.simulator().timeToFirstToken()).isEqualTo(Duration.ofMillis(40));
        assertThat(reloaded.cache().l1MaxBytes()).isEqualTo(128L << 20);
        assertThat(reloaded.cache().ttlFor("chat")).isEqualTo(Duration.ofDays(1));
        assertThat(reloaded).isEqualTo(vm.validate().orElseThrow());
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("Saved to " + dataDir.resolve(ConfigFile.NAME));
        assertThat(vm.providersNoteProperty().get()).isEqualTo("saved · applies on next start");
        assertThat(vm.l1Size().note()).isEqualTo("saved · applies on next start");
        assertThat(vm.timeToFirstToken().note()).isEmpty();
    }

    @Test
    void saveThenReopen_givesEqualConfigAndACleanForm() throws Exception {
        var vm = vm(Map.of());
        vm.tokensPerSecond().setText("30");
        provider(vm, "openai").defaultModel().setText("gpt-4o");
        assertThat(vm.save()).isTrue();
        CachetConfig edited = vm.validate().orElseThrow();
        engine.close();

        engine = dev.cachet.engine.Engine.open(new dev.cachet.engine.EngineOptions(dataDir, new ConfigFile().load(dataDir),
                false, java.time.InstantSource.system()));
        assertThat(engine.config()).isEqualTo(edited);
        var reopened = new SettingsViewModel(engine, new SimpleObjectProperty<>(Theme.LIGHT),
                new ThemeStylesheets(List.of(dataDir.resolve("themes"))), Map.<String, String>of()::get, UiThread.direct());
        assertThat(reopened.tokensPerSecond().text()).isEqualTo("30");
        assertThat(provider(reopened, "openai").defaultModel().text()).isEqualTo("gpt-4o");
        assertThat(reopened.dirtyProperty().get()).isFalse();
        assertThat(reopened.providersNoteProperty().get()).isEmpty();
    }

    @Test
    void aFailedSave_saysWhy_andKeepsTheUsersFile() throws Exception {
        var vm = vm(Map.of());
        Files.writeString(dataDir.resolve(ConfigFile.NAME), "# mine\n");
        Files.createDirectories(dataDir.resolve(ConfigFile.BACKUP).resolve("occupied"));
        vm.tokensPerSecond().setText("30");

        assertThat(vm.save()).isFalse();

        assertThat(vm.statusIsErrorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).startsWith("Not saved: " + dataDir.resolve(ConfigFile.NAME))
                .contains("the previous file is unchanged");
        assertThat(Files.readString(dataDir.resolve(ConfigFile.NAME))).isEqualTo("# mine\n");
        assertThat(vm.dirtyProperty().get()).isTrue();
    }

    @Test
    void testConnection_usesTheUrlAsTyped_reportsLatency_andRefreshesModels() throws Exception {
        var vm = vm(Map.of());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // The body Ollama sent for GET /api/tags, as recorded for the provider adapter tests.
        String recorded;
        try (InputStream in = getClass().getResourceAsStream("/recordings/ollama/models.http")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            recorded = text.substring(text.indexOf("\n\n") + 2);
        }
        server.createContext("/api/tags", ex -> {
            byte[] body = recorded.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            var ollama = provider(vm, "ollama");
            ollama.baseUrl().setText("http://127.0.0.1:" + server.getAddress().getPort());
            vm.testConnection(ollama).get(10, TimeUnit.SECONDS);
            assertThat(ollama.testResult()).startsWith("OK in ").endsWith(" ms · 3 models");
            assertThat(ollama.modelChoices()).containsExactly("llama3.2:latest", "qwen2.5:0.5b", "qwen3:8b");
            assertThat(ollama.defaultModel().text()).isEqualTo("llama3.2");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void testConnection_aDeadPort_failsNamingTheUrl() throws Exception {
        var vm = vm(Map.of());
        var ollama = provider(vm, "ollama");
        ollama.baseUrl().setText("http://127.0.0.1:9");
        vm.testConnection(ollama).get(10, TimeUnit.SECONDS);
        assertThat(ollama.testResult()).startsWith("failed: nothing answers at http://127.0.0.1:9/api/tags");
        assertThat(ollama.testFailedProperty().get()).isTrue();
    }

    @Test
    void cacheFacts_andDataDir() {
        var vm = vm(Map.of());
        assertThat(vm.cacheFacts()).containsKeys("Compress values above", "Write-behind");
        assertThat(vm.dataDir()).isEqualTo(dataDir.toString());
        assertThat(vm.configFile()).isEqualTo(dataDir.resolve("cachet.yaml").toString());
    }

    @Test
    void choosingATheme_setsTheSharedThemeProperty() {
        var vm = vm(Map.of());
        vm.themeProperty().set(Theme.DARK);
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(vm.themeChoices()).containsExactly(Theme.LIGHT, Theme.DARK);
    }
}
