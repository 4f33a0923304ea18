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
    void badThreshold_namesTheField() {
        assertThatThrownBy(() -> new ConfigFile().parse("semantic:\n  threshold: 1.5\n", "cachet.yaml"))
                .hasMessageContaining("cachet.yaml").hasMessageContaining("semantic.threshold");
        assertThatThrownBy(() -> SemanticSettings.DEFAULTS.withThresholds(java.util.Map.of("x", 0.0)))
                .hasMessageContaining("thresholds.x must be within (0, 1]");
    }
}
