package dev.cachet.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code providers:} in cachet.yaml merges by id with the built-in ollama, openai and anthropic entries,
 * field by field like every other section; {@code enabled: false} removes one. The Settings writer
 * produces exactly such a file and it reads back the same.
 */
class ProviderMergeTest {

    private final ConfigFile configFile = new ConfigFile();

    private static List<String> ids(List<ProviderConfig> providers) { return providers.stream().map(ProviderConfig::id).toList(); }

    @Test
    void aNewProvider_isAddedBesideTheBuiltIns() throws Exception {
        CachetConfig c = configFile.parse("""
                providers:
                  - {id: local, kind: openai, baseUrl: 'http://127.0.0.1:8080/v1', defaultModel: qwen}
                """, "cachet.yaml");

        assertThat(ids(c.activeProviders())).containsExactly("ollama", "openai", "anthropic", "local");
        assertThat(c.provider("openai")).isEqualTo(CachetConfig.defaults().provider("openai"));
    }

    @Test
    void anEntryWithABuiltInId_changesOnlyTheFieldsItNames() throws Exception {
        CachetConfig c = configFile.parse("""
                providers:
                  - id: openai
                    baseUrl: https://proxy.example/v1
                """, "cachet.yaml");

        ProviderConfig openai = c.provider("openai");
        ProviderConfig builtIn = CachetConfig.defaults().provider("openai");
        assertThat(openai.baseUrl()).isEqualTo("https://proxy.example/v1");
        assertThat(openai.apiKeyEnv()).isEqualTo(builtIn.apiKeyEnv());
        assertThat(openai.defaultModel()).isEqualTo(builtIn.defaultModel());
        assertThat(openai.requestsPerSecond()).isEqualTo(builtIn.requestsPerSecond());
        assertThat(ids(c.activeProviders())).containsExactly("ollama", "openai", "anthropic");
    }

    @Test
    void enabledFalse_removesABuiltIn() throws Exception {
        CachetConfig c = configFile.parse("""
                providers:
                  - {id: anthropic, enabled: false}
                """, "cachet.yaml");

        assertThat(ids(c.activeProviders())).containsExactly("ollama", "openai");
        assertThat(c.provider("anthropic").enabled()).isFalse();
    }

    @Test
    void aDisabledProvider_cannotBeTheDefaultOrAFallback() {
        assertThatThrownBy(() -> configFile.parse("""
                defaultProvider: anthropic
                providers:
                  - {id: anthropic, enabled: false}
                  - {id: openai, fallbacks: [anthropic]}
                """, "cachet.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cachet.yaml:1:18: field defaultProvider: provider 'anthropic' is disabled (enabled: false)")
                .hasMessageContaining("cachet.yaml:4:30: field providers[1].fallbacks[0]: provider 'anthropic' is disabled (enabled: false)");
    }

    @Test
    void writer_writesOnlyWhatDiffersFromTheBuiltIn_andReadsBackTheSame(@TempDir Path dir) throws Exception {
        var providers = new ArrayList<ProviderConfig>();
        for (ProviderConfig p : CachetConfig.defaults().providers()) {
            providers.add(switch (p.id()) {
                case "openai" -> p.withFallbacks(List.of("ollama"));
                case "anthropic" -> p.disabled();
                default -> p;
            });
        }
        providers.add(new ProviderConfig("local", "openai", "http://127.0.0.1:8080/v1", null, "qwen", List.of(), null, null, null));
        CachetConfig config = CachetConfig.defaults().withProviders(providers);

        configFile.write(dir, config);

        String text = Files.readString(dir.resolve(ConfigFile.NAME));
        assertThat(text.lines().filter(l -> !l.startsWith("#")).toList()).containsExactly(
                "providers:",
                "- id: openai",
                "  fallbacks:",
                "  - ollama",
                "- id: anthropic",
                "  enabled: false",
                "- id: local",
                "  kind: openai",
                "  baseUrl: http://127.0.0.1:8080/v1",
                "  defaultModel: qwen");
        assertThat(configFile.load(dir)).isEqualTo(config);
    }

    @Test
    void writer_aBuiltInLeftOutOfTheList_isWrittenAsDisabled(@TempDir Path dir) throws Exception {
        var withoutOllama = CachetConfig.defaults().providers().stream().filter(p -> !p.id().equals("ollama")).toList();

        configFile.write(dir, CachetConfig.defaults().withProviders(withoutOllama));

        CachetConfig back = configFile.load(dir);
        assertThat(ids(back.activeProviders())).containsExactly("openai", "anthropic");
        assertThat(back.provider("ollama").enabled()).isFalse();
    }
}
