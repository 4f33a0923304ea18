package dev.cachet.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {

    private final ConfigFile configFile = new ConfigFile();

    @Test
    void load_noFile_givesDefaults(@TempDir Path dir) throws Exception {
        assertThat(configFile.load(dir)).isEqualTo(CachetConfig.defaults());
    }

    @Test
    void parse_oneField_changesOnlyThatField() throws Exception {
        CachetConfig c = configFile.parse("""
                simulator:
                  errorRate: 0.25
                  timeToFirstToken: 40ms
                """, "cachet.yaml");
        assertThat(c.simulator().errorRate()).isEqualTo(0.25);
        assertThat(c.simulator().timeToFirstToken()).isEqualTo(Duration.ofMillis(40));
        assertThat(c.simulator().models()).isEqualTo(CachetConfig.defaults().simulator().models());
        assertThat(c.cache()).isEqualTo(CachetConfig.defaults().cache());
        assertThat(c.providers()).isEqualTo(CachetConfig.defaults().providers());
    }

    @Test
    void parse_prices_mergeOverDefaults() throws Exception {
        CachetConfig c = configFile.parse("""
                prices:
                  ollama/llama3.2: {inputPerMillion: 0.0, outputPerMillion: 0.0}
                  openai/gpt-4o: {inputPerMillion: 5.0, outputPerMillion: 15.0}
                """, "cachet.yaml");
        assertThat(c.prices().prices().get("openai/gpt-4o").inputPerMillion()).isEqualTo(5.0);
        assertThat(c.prices().prices()).containsKey("simulator/*").containsKey("ollama/llama3.2");
    }

    @Test
    void parse_unknownField_namesFieldLineAndColumn() {
        assertThatThrownBy(() -> configFile.parse("""
                cache:
                  l1MaxBytes: 100000
                  tttl: {chat: 1d}
                """, "cachet.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cachet.yaml:3:3: ")
                .hasMessageContaining("unknown field 'tttl'")
                .hasMessageContaining("ttl");
    }

    @Test
    void parse_badDuration_namesPathAndLine() {
        assertThatThrownBy(() -> configFile.parse("""
                defaultProvider: simulator
                providers:
                  - id: local
                    kind: openai
                    baseUrl: http://127.0.0.1:8080/v1
                    timeout: soon
                """, "cachet.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cachet.yaml:6:")
                .hasMessageContaining("providers[0].timeout")
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void parse_invalidValue_reportsValidationMessage() {
        assertThatThrownBy(() -> configFile.parse("simulator:\n  errorRate: 3\n", "cachet.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cachet.yaml:2:14: field simulator.errorRate: must be within 0..1, was 3.0");
    }

    @Test
    void parse_brokenYaml_reportsLine() {
        assertThatThrownBy(() -> configFile.parse("cache:\n  l1MaxBytes: [1, 2\n", "cachet.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cachet.yaml:");
    }

    @Test
    void load_readsFileFromDataDir(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ConfigFile.NAME), "defaultProvider: simulator\n");
        assertThat(configFile.load(dir).defaultProvider()).isEqualTo("simulator");
    }

    @Test
    void defaultsAsYaml_roundTrips() throws Exception {
        assertThat(configFile.parse(configFile.defaultsAsYaml(), "defaults")).isEqualTo(CachetConfig.defaults());
    }

    @Test
    void durationText_formats() {
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationText.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
