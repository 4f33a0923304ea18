package dev.cachet.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The sections added after the first config checks (endpoint, retrieval, routing, data, templates, the
 * team cache, prices, the semantic layer's finer settings, a provider's resilience block, encryption) are held to the same rule: an unknown field or a
 * bad value is {@code FILE:LINE:COLUMN: field PATH: what is wrong}, at the value, with the full path.
 */
class ConfigSectionsValidationTest {

    private final ConfigFile configFile = new ConfigFile();

    private ConfigException problem(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> configFile.parse(yaml, "cachet.yaml"));
        assertThat(e).as("accepted:\n" + yaml).isNotNull();
        assertThat(e.getMessage()).doesNotContain("Cannot deserialize", "java.", "dev.cachet", "`", "Exception");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // endpoint
            "endpoint: {prot: 9090}                   | cachet.yaml:1:12: field endpoint.prot: unknown field 'prot' (did you mean 'port'?)",
            "endpoint: {port: 70000}                  | cachet.yaml:1:18: field endpoint.port: must be within 0..65535, was 70000",
            "endpoint: {port: eighty}                 | cachet.yaml:1:18: field endpoint.port: expected a whole number, was 'eighty'",
            "endpoint: {maxBodyBytes: 10}             | cachet.yaml:1:26: field endpoint.maxBodyBytes: must be at least 1024, was 10",
            // retrieval
            "retrieval: {topk: 4}                     | cachet.yaml:1:13: field retrieval.topk: unknown field 'topk' (did you mean 'topK'?)",
            "retrieval: {topK: 0}                     | cachet.yaml:1:19: field retrieval.topK: must be within 1..100, was 0",
            "retrieval: {chunkSize: 10}               | cachet.yaml:1:24: field retrieval.chunkSize: must be at least 50 characters, was 10",
            "retrieval: {chunkSize: 100, chunkOverlap: 100} | cachet.yaml:1:43: field retrieval.chunkOverlap: must be within 0..99 (below chunkSize), was 100",
            "retrieval: {splitter: sentences}         | cachet.yaml:1:23: field retrieval.splitter: must be 'recursive' or 'paragraph', was 'sentences'",
            "retrieval: {cacheTtl: 0s}                | cachet.yaml:1:23: field retrieval.cacheTtl: must be positive, was 0ms",
            "retrieval: {branchTimeout: soon}         | cachet.yaml:1:28: field retrieval.branchTimeout: 'soon' is not a duration (write e.g. 250ms, 2s, 5m, 1h, 7d)",
            "retrieval: {expandQueries: often}        | cachet.yaml:1:28: field retrieval.expandQueries: expected true or false, was 'often'",
            // routing
            "routing: {confidenceTreshold: 0.5}       | cachet.yaml:1:11: field routing.confidenceTreshold: unknown field 'confidenceTreshold' (did you mean 'confidenceThreshold'?)",
            "routing: {confidenceThreshold: 2}        | cachet.yaml:1:32: field routing.confidenceThreshold: must be within 0..1, was 2.0",
            "routing: {tiers: {medium: ollama/x}}     | cachet.yaml:1:27: field routing.tiers.medium: unknown tier 'medium' (known: small, large)",
            "routing: {tiers: {small: qwen}}          | cachet.yaml:1:26: field routing.tiers.small: must be provider/model, was 'qwen'",
            "routing: {budgets: {simple: {topK: 2, maxTokens: 0}}} | cachet.yaml:1:50: field routing.budgets.simple.maxTokens: must be positive, was 0",
            "routing: {budgets: {simple: {topK: 2, maxTokens: 9, tier: huge}}} | cachet.yaml:1:59: field routing.budgets.simple.tier: must be small or large, was 'huge'",
            "routing: {budgets: {simple: {topk: 2}}}  | cachet.yaml:1:30: field routing.budgets.simple.topk: unknown field 'topk' (did you mean 'topK'?)",
            "routing: {minContextWindow: 100}         | cachet.yaml:1:29: field routing.minContextWindow: must be at least 256, was 100",
            "routing: {repeatWindow: -1s}             | cachet.yaml:1:25: field routing.repeatWindow: '-1s' is not a duration (write e.g. 250ms, 2s, 5m, 1h, 7d)",
            // data route
            "data: {rowlimit: 5}                      | cachet.yaml:1:8: field data.rowlimit: unknown field 'rowlimit' (did you mean 'rowLimit'?)",
            "data: {rowLimit: 0}                      | cachet.yaml:1:18: field data.rowLimit: must be within 1..100000, was 0",
            "data: {queryTimeout: 0s}                 | cachet.yaml:1:22: field data.queryTimeout: must be a positive duration, was 0ms",
            "data: {sqlRetries: 9}                    | cachet.yaml:1:20: field data.sqlRetries: must be within 0..3, was 9",
            // templates
            "templates: {folder: [x]}                 | cachet.yaml:1:13: field templates.folder: unknown field 'folder' (did you mean 'folders'?)",
            "templates: {watch: inotify}              | cachet.yaml:1:20: field templates.watch: must be auto, events or poll, was 'inotify'",
            "templates: {pollInterval: 5ms}           | cachet.yaml:1:27: field templates.pollInterval: must be at least 50ms, was 5ms",
            "templates: {folders: prompts}            | cachet.yaml:1:22: field templates.folders: expected a list (one '- ' entry per item), was 'prompts'",
            // the team cache and the exact cache's finer settings
            "cache: {l2: 'http://h:6379'}             | cachet.yaml:1:13: field cache.l2: 'http://h:6379' must start with redis:// (or rediss:// for TLS)",
            "cache: {ttl: {chat: 0s}}                 | cachet.yaml:1:21: field cache.ttl.chat: must be a positive duration, was 0ms",
            "cache: {writeBehindDelay: -5ms}          | cachet.yaml:1:27: field cache.writeBehindDelay: '-5ms' is not a duration (write e.g. 250ms, 2s, 5m, 1h, 7d)",
            "cache: {compressAboveBytes: -1}          | cachet.yaml:1:29: field cache.compressAboveBytes: must not be negative, was -1",
            // the semantic layer
            "semantic: {maxTemprature: 1}             | cachet.yaml:1:12: field semantic.maxTemprature: unknown field 'maxTemprature' (did you mean 'maxTemperature'?)",
            "semantic: {ttl: 0s}                      | cachet.yaml:1:17: field semantic.ttl: must be a positive duration, was 0ms",
            "semantic: {shortThreshold: 0}            | cachet.yaml:1:28: field semantic.shortThreshold: must be within (0, 1], was 0.0",
            "semantic: {thresholds: {chat: 2}}        | cachet.yaml:1:31: field semantic.thresholds.chat: must be within (0, 1], was 2.0",
            // a provider's resilience block and encryption at rest
            "providers: [{id: x, kind: openai, baseUrl: 'http://h', defaultModel: m, resilience: {retry: {maxAttempts: 0}}}] | cachet.yaml:1:107: field providers[0].resilience.retry.maxAttempts: must be within 1..20, was 0",
            "providers: [{id: x, kind: openai, baseUrl: 'http://h', defaultModel: m, resilience: {retyr: {maxAttempts: 2}}}] | cachet.yaml:1:86: field providers[0].resilience.retyr: unknown field 'retyr' (did you mean 'retry'?)",
            "providers: [{id: x, kind: openai, baseUrl: 'http://h', defaultModel: m, resilience: {breaker: {coolDown: 0s}}}] | cachet.yaml:1:106: field providers[0].resilience.breaker.coolDown: must be longer than 0, was 0ms",
            "encryption: {scope: [everything]}        | cachet.yaml:1:22: field encryption.scope[0]: 'everything' is not all, conversations, model:PROVIDER/MODEL or template:ID",
            "encryption: {keyenv: K}                  | cachet.yaml:1:14: field encryption.keyenv: unknown field 'keyenv' (did you mean 'keyEnv'?)",
            // prices
            "prices: {'openai/x': {inputPerMillion: -1, outputPerMillion: 1}} | cachet.yaml:1:40: field prices.openai/x.inputPerMillion: must not be negative, was -1.0",
            "prices: {'openai/x': {inputPerMillion: 1, outputPerMillion: 1, input: 1}} | cachet.yaml:1:64: field prices.openai/x.input: unknown field 'input' (known: inputPerMillion, outputPerMillion)",
            "prices: {'openai/x': {outputPerMillion: 1}} | cachet.yaml:1:22: field prices.openai/x.inputPerMillion: needed: a number (the field is missing)",
    })
    void aProblem_isOneLineAtTheValue(String yaml, String expected) {
        assertThat(problem(yaml).getMessage()).isEqualTo(expected);
    }

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
