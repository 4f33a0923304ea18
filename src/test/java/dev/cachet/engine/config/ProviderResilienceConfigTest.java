package dev.cachet.engine.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderResilienceConfigTest {

    @Test
    void fallbacksAndRateLimit_areReadFromYaml() throws Exception {
        var config = new ConfigFile().parse("""
                providers:
                  - id: openai
                    kind: openai
                    baseUrl: https://api.openai.com/v1
                    apiKeyEnv: OPENAI_API_KEY
                    defaultModel: gpt-4o-mini
                    fallbacks: [ollama, simulator/sim-small]
                    requestsPerSecond: 2.5
                    burst: 4
                  - id: ollama
                    kind: ollama
                    baseUrl: http://localhost:11434
                    defaultModel: llama3.2
                """, "cachet.yaml");
        ProviderConfig openai = config.provider("openai");
        assertThat(openai.fallbacks()).isEqualTo(List.of("ollama", "simulator/sim-small"));
        assertThat(openai.requestsPerSecond()).isEqualTo(2.5);
        assertThat(openai.burst()).isEqualTo(4);
        ProviderConfig ollama = config.provider("ollama");
        assertThat(ollama.fallbacks()).isEmpty();
        assertThat(ollama.requestsPerSecond()).isZero();
        assertThat(ollama.burst()).isEqualTo(1);
    }
}
