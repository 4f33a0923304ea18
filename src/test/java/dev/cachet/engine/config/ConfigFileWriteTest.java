package dev.cachet.engine.config;

import dev.cachet.engine.provider.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileWriteTest {

    private final ConfigFile configFile = new ConfigFile();

    @Test
    void defaults_writeNoFields_andReadBackAsDefaults(@TempDir Path dir) throws Exception {
        Path file = configFile.write(dir, CachetConfig.defaults());

        assertThat(Files.readAllLines(file)).allMatch(line -> line.isBlank() || line.startsWith("#"));
        assertThat(configFile.load(dir)).isEqualTo(CachetConfig.defaults());
    }

    @Test
    void oneChangedField_isTheOnlyFieldWritten(@TempDir Path dir) throws Exception {
        var config = CachetConfig.defaults().withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ofMillis(40), 60));

        configFile.write(dir, config);

        String text = Files.readString(dir.resolve(ConfigFile.NAME));
        assertThat(text.lines().filter(l -> !l.startsWith("#")).toList())
                .containsExactly("simulator:", "  timeToFirstToken: 40ms");
        assertThat(configFile.load(dir)).isEqualTo(config);
    }

    @Test
    void anAddedOpenAiCompatibleServer_writesTheWholeListShortly_andRoundTrips(@TempDir Path dir) throws Exception {
        var providers = new ArrayList<>(CachetConfig.defaults().providers());
        providers.add(new ProviderConfig("llamacpp", "openai", "http://127.0.0.1:8080/v1", null, "qwen2.5-0.5b",
                List.of(), null, null, null).withFallbacks(List.of("simulator")).withRateLimit(2.5, 1));
        var config = CachetConfig.defaults().withProviders(providers).withDefaultProvider("llamacpp");

        String text = configFile.toYaml(config);
        configFile.write(dir, config);

        assertThat(configFile.load(dir)).isEqualTo(config);
        assertThat(text).contains("id: llamacpp", "baseUrl: http://127.0.0.1:8080/v1", "requestsPerSecond: 2.5", "- simulator")
                .doesNotContain("timeout", "aliases", "models:", "null", "cache:", "prices:")
                .doesNotContainPattern("(?m)burst: 1$");
    }

    @Test
    void cacheTtlAndL1_roundTrip(@TempDir Path dir) throws Exception {
        var d = CacheSettings.DEFAULTS;
        var ttl = new java.util.HashMap<>(d.ttl());
        ttl.put("chat", Duration.ofHours(12));
        ttl.put("routing", Duration.ofMinutes(5));
        var cache = new CacheSettings(128L << 20, ttl, d.compressAboveBytes(), d.writeBehindBatch(), d.writeBehindDelay());
        var defaults = CachetConfig.defaults();
        var config = defaults.withCache(cache);

        configFile.write(dir, config);

        assertThat(configFile.load(dir)).isEqualTo(config);
        assertThat(Files.readString(dir.resolve(ConfigFile.NAME))).contains("chat: 12h", "routing: 5m", "l1MaxBytes: 134217728");
    }

    @Test
    void anUnwritableChange_isRefusedBeforeTheFileIsTouched(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ConfigFile.NAME), "defaultProvider: simulator\n");
        var d = CacheSettings.DEFAULTS;
        // The file merges mappings over the defaults, so a default TTL category cannot be removed.
        var noChatTtl = new CacheSettings(d.l1MaxBytes(), Map.of("routing", Duration.ofMinutes(5)),
                d.compressAboveBytes(), d.writeBehindBatch(), d.writeBehindDelay());
        var defaults = CachetConfig.defaults();
        var config = defaults.withCache(noChatTtl);

        assertThatThrownBy(() -> configFile.write(dir, config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("would not read back the same").hasMessageContaining("nothing was saved");
        assertThat(Files.readString(dir.resolve(ConfigFile.NAME))).isEqualTo("defaultProvider: simulator\n");
    }

    @Test
    void write_keepsThePreviousFileAsBak(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ConfigFile.NAME), "# mine\ndefaultProvider: simulator\n");

        configFile.write(dir, CachetConfig.defaults().withDefaultProvider("ollama"));

        assertThat(Files.readString(dir.resolve(ConfigFile.BACKUP))).isEqualTo("# mine\ndefaultProvider: simulator\n");
        assertThat(configFile.load(dir).defaultProvider()).isEqualTo("ollama");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(ConfigFile.NAME, ConfigFile.BACKUP);
        }
    }

    @Test
    void aFailedWrite_leavesTheUsersFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ConfigFile.NAME), "defaultProvider: simulator\n");
        // A directory where the backup must go makes the write fail after the temporary file exists.
        Files.createDirectories(dir.resolve(ConfigFile.BACKUP).resolve("occupied"));

        assertThatThrownBy(() -> configFile.write(dir, CachetConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve(ConfigFile.NAME) + ": not saved (")
                .hasMessageContaining("the previous file is unchanged");
        assertThat(Files.readString(dir.resolve(ConfigFile.NAME))).isEqualTo("defaultProvider: simulator\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aDataDirThatCannotExist_isNamedInTheError(@TempDir Path dir) throws Exception {
        Path plainFile = Files.writeString(dir.resolve("plain"), "x");

        assertThatThrownBy(() -> configFile.write(plainFile.resolve("sub"), CachetConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not saved (").hasMessageContaining(plainFile.toString());
    }
}
