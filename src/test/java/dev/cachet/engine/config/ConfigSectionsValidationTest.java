package dev.cachet.engine.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file with problems in several sections lists them all, in the file's order; a good file with every
 * section reads. (One problem per section: {@link ConfigValidationTest}.)
 */
class ConfigSectionsValidationTest {

    private final ConfigFile configFile = new ConfigFile();

    private static ConfigException problem(String yaml) { return ConfigValidationTest.problem(yaml); }

    @Test
    void problemsInSeveralSections_areAllReported_inTheFilesOrder() {
        ConfigException e = problem("""
                endpoint:
                  port: 70000
                retrieval:
                  topK: 0
                  splitter: words
                routing:
                  confidenceTreshold: 0.4
                data:
                  rowLimit: lots
                templates:
                  watch: sometimes
                """);
        assertThat(e.problems()).hasSize(5).satisfiesExactly(
                p -> assertThat(p).startsWith("cachet.yaml:2:9: field endpoint.port:"),
                p -> assertThat(p).startsWith("cachet.yaml:4:9: field retrieval.topK:"),
                p -> assertThat(p).startsWith("cachet.yaml:7:3: field routing.confidenceTreshold: unknown field"),
                p -> assertThat(p).startsWith("cachet.yaml:9:13: field data.rowLimit: expected a whole number, was 'lots'"),
                p -> assertThat(p).startsWith("cachet.yaml:11:10: field templates.watch:"));
    }

    @Test
    void aGoodFile_withEverySection_isRead() throws Exception {
        CachetConfig c = configFile.parse("""
                endpoint: {port: 9090}
                retrieval: {topK: 6, splitter: paragraph}
                routing: {confidenceThreshold: 0.5, tiers: {small: ollama/qwen3:4b}}
                data: {url: none}
                templates: {watch: poll, pollInterval: 200ms}
                semantic: {maxTemperature: 0.5}
                """, "cachet.yaml");
        assertThat(c.endpoint().port()).isEqualTo(9090);
        assertThat(c.retrieval().topK()).isEqualTo(6);
        assertThat(c.retrieval().splitter()).isEqualTo("paragraph");
        assertThat(c.routing().tiers().get("small")).isEqualTo("ollama/qwen3:4b");
        assertThat(c.data().connected()).isFalse();
        assertThat(c.templates().watch()).isEqualTo("poll");
        assertThat(c.semantic().maxTemperature()).isEqualTo(0.5);
    }
}
