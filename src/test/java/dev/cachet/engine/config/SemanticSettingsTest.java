package dev.cachet.engine.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SemanticSettingsTest {

    @Test
    void yaml_setsOneFieldAndKeepsTheOtherDefaults() throws Exception {
        var config = new ConfigFile().parse("""
                semantic:
                  threshold: 0.9
                  thresholds: { "simulator/sim-large": 0.97, "support-bot": 0.92 }
                  ttl: 2d
                """, "cachet.yaml");
        var s = config.semantic();
        assertThat(s.threshold()).isEqualTo(0.9);
        assertThat(s.ttl()).isEqualTo(Duration.ofDays(2));
        assertThat(s.maxTemperature()).isEqualTo(SemanticSettings.DEFAULTS.maxTemperature());
        assertThat(s.thresholdFor("0123456789abcdef", "support-bot", "simulator/sim-large")).isEqualTo(0.92);
        assertThat(s.thresholdFor("0123456789abcdef", null, "simulator/sim-large")).isEqualTo(0.97);
        assertThat(s.thresholdFor("0123456789abcdef", null, "ollama/llama3.2")).isEqualTo(0.9);
    }

    @Test
    void maxEntries_defaultsToTheSafeCap_isReadFromYaml_andABadOneIsPlacedInTheFile() throws Exception {
        assertThat(new ConfigFile().parse("semantic:\n  threshold: 0.9\n", "cachet.yaml").semantic().maxEntries())
                .isEqualTo(SemanticSettings.DEFAULT_MAX_ENTRIES);
        var config = new ConfigFile().parse("semantic:\n  maxEntries: 1200\n", "cachet.yaml");
        assertThat(config.semantic().maxEntries()).isEqualTo(1200);
        assertThat(new ConfigFile().parse(new ConfigFile().toYaml(config), "cachet.yaml").semantic().maxEntries()).isEqualTo(1200);
        assertThatThrownBy(() -> new ConfigFile().parse("semantic:\n  threshold: 0.9\n  maxEntries: 0\n", "cachet.yaml"))
                .hasMessageContaining("cachet.yaml:3:15").hasMessageContaining("semantic.maxEntries")
                .hasMessageContaining("must be at least 1, was 0");
    }

    @Test
    void badThreshold_namesTheField() {
        assertThatThrownBy(() -> new ConfigFile().parse("semantic:\n  threshold: 1.5\n", "cachet.yaml"))
                .hasMessageContaining("cachet.yaml").hasMessageContaining("semantic.threshold");
        assertThatThrownBy(() -> SemanticSettings.DEFAULTS.withThresholds(java.util.Map.of("x", 0.0)))
                .hasMessageContaining("thresholds.x must be within (0, 1]");
    }

    @Test
    void calibration_yaml_perTemplateAndNamespaceBounds_andTheJudge() throws Exception {
        var config = new ConfigFile().parse("""
                semantic:
                  calibration:
                    errorBound: 0.01
                    errorBounds: { tutor: 0.005, "0123456789abcdef": 0.05 }
                    judge: { enabled: true, provider: ollama, model: "llama3.2:1b", timeout: 2s }
                """, "cachet.yaml");
        var c = config.semantic().calibration();
        assertThat(c.enabled()).isTrue();
        assertThat(c.confidence()).isEqualTo(CalibrationSettings.DEFAULTS.confidence());
        assertThat(c.errorBoundFor("0123456789abcdef", "tutor", "simulator/sim-small")).isEqualTo(0.05);
        assertThat(c.errorBoundFor("fedcba9876543210", "tutor", "simulator/sim-small")).isEqualTo(0.005);
        assertThat(c.errorBoundFor("fedcba9876543210", null, "simulator/sim-small")).isEqualTo(0.01);
        assertThat(c.judge().enabled()).isTrue();
        assertThat(c.judge().model()).isEqualTo("llama3.2:1b");
        assertThat(c.judge().timeout()).isEqualTo(Duration.ofSeconds(2));
        // written back and read again: the same settings
        var text = new ConfigFile().toYaml(config);
        assertThat(new ConfigFile().parse(text, "cachet.yaml").semantic().calibration()).isEqualTo(c);
    }

    @Test
    void badErrorBound_namesTheFieldAndTheValue() {
        assertThatThrownBy(() -> new ConfigFile().parse("semantic:\n  calibration:\n    errorBound: 2\n", "cachet.yaml"))
                .hasMessageContaining("cachet.yaml").hasMessageContaining("errorBound").hasMessageContaining("2");
    }
}
