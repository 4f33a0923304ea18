package dev.cachet.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every problem in cachet.yaml is reported as {@code FILE:LINE:COLUMN: field PATH: what is wrong}, pointing
 * at the offending value, in words a user knows (no Jackson or Java type names), one line per problem.
 */
class ConfigValidationTest {

    /** The problem cachet.yaml holding {@code yaml} is refused with, checked to be in a user's words. */
    static ConfigException problem(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigFile().parse(yaml, "cachet.yaml"));
        assertThat(e).as("accepted:\n" + yaml).isNotNull();
        assertThat(e.getMessage()).doesNotContain("Cannot deserialize", "java.", "dev.cachet", "`", "JsonToken", "Exception");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // wrong types, in the user's words
            "simulator: {tokensPerSecond: fast}                         | cachet.yaml:1:30: field simulator.tokensPerSecond: expected a number, was 'fast'",
            "cache: {l1MaxBytes: 1.5e3x}                                | cachet.yaml:1:21: field cache.l1MaxBytes: expected a whole number, was '1.5e3x'",
            "semantic: {enabled: maybe}                                 | cachet.yaml:1:21: field semantic.enabled: expected true or false, was 'maybe'",
            "providers: {id: x}                                         | cachet.yaml:1:12: field providers: expected a list (one '- ' entry per item), was a mapping",
            "simulator: {models: sim-small}                             | cachet.yaml:1:21: field simulator.models: expected a list (one '- ' entry per item), was 'sim-small'",
            "simulator: [1, 2]                                          | cachet.yaml:1:12: field simulator: expected a mapping (name: value), was a list",
            // ranges point at the value's own line and column
            "simulator: {errorRate: 3}                                  | cachet.yaml:1:24: field simulator.errorRate: must be within 0..1, was 3.0",
            "semantic: {threshold: 1.5}                                 | cachet.yaml:1:23: field semantic.threshold: must be within (0, 1], was 1.5",
            "simulator: {tokensPerSecond: 1e400}                        | cachet.yaml:1:30: field simulator.tokensPerSecond: 1e400 is too large a number",
            // names: unknown ones get the closest known name
            "simulator: {tokensPerSecnd: 5}                             | cachet.yaml:1:13: field simulator.tokensPerSecnd: unknown field 'tokensPerSecnd' (did you mean 'tokensPerSecond'?)",
            "defaultProvider: simulatr                                  | cachet.yaml:1:18: field defaultProvider: unknown provider 'simulatr' (did you mean 'simulator'?)",
            "defaultProvider: nosuch                                    | cachet.yaml:1:18: field defaultProvider: unknown provider 'nosuch' (known: auto, simulator, ollama, openai, anthropic)",
            "providers: [{id: x, kind: wizard, baseUrl: 'http://h', defaultModel: m}]  | cachet.yaml:1:27: field providers[0].kind: unknown kind 'wizard' (known: ollama, openai, anthropic)",
            "providers: [{id: x, kind: opnai, baseUrl: 'http://h', defaultModel: m}]   | cachet.yaml:1:27: field providers[0].kind: unknown kind 'opnai' (did you mean 'openai'?)",
            "providers: [{kind: openai, baseUrl: 'http://h', defaultModel: m}]         | cachet.yaml:1:13: field providers[0].id: every provider needs an id (the name requests and fallbacks use)",
            "providers: [{id: simulator, kind: openai, baseUrl: 'http://h', defaultModel: m}] | cachet.yaml:1:18: field providers[0].id: 'simulator' is the built-in simulator's id: pick another",
            "providers: [{id: x, kind: openai, defaultModel: m}]        | cachet.yaml:1:13: field providers[0].baseUrl: needed: the server's address, e.g. http://127.0.0.1:8080/v1",
            "providers: [{id: x, kind: openai, baseUrl: not a url, defaultModel: m}] | cachet.yaml:1:44: field providers[0].baseUrl: 'not a url' is not an http:// or https:// URL",
            "providers: [{id: x, kind: openai, baseUrl: 'http://', defaultModel: m}] | cachet.yaml:1:44: field providers[0].baseUrl: 'http://' has no host name",
            "providers: [{id: x, kind: openai, baseUrl: 'http://h'}]    | cachet.yaml:1:13: field providers[0].defaultModel: needed: the model requests get when they name none, e.g. defaultModel: gpt-4o-mini",
            "providers: [{id: x, kind: openai, baseUrl: 'http://h', defaultModel: m, fallbacks: [nosuch]}] | cachet.yaml:1:85: field providers[0].fallbacks[0]: unknown provider 'nosuch' (known: simulator, ollama, openai, anthropic, x)",
            "providers: [{id: x, kind: openai, baseUrl: 'http://h', defaultModel: m, fallbacks: [x]}] | cachet.yaml:1:85: field providers[0].fallbacks[0]: a provider cannot fall back to itself",
            "providers: [{id: x, kind: openai, baseUrl: 'http://h', defaultModel: m, requestsPerSecond: -1}] | cachet.yaml:1:92: field providers[0].requestsPerSecond: must not be negative, was -1.0",
            // the sections added since: the same rule, with the full path
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
    void aRangeErrorInBlockStyle_pointsAtTheValuesLine_notAtItsSection() {
        assertThat(problem("""
                simulator:
                  errorRate: 0.1
                cache:
                  l1MaxBytes: 5
                """).getMessage()).isEqualTo("cachet.yaml:4:15: field cache.l1MaxBytes: must be at least 1024, was 5");
    }

    @Test
    void aYamlSyntaxError_isOneLine() {
        ConfigException e = problem("simulator: {tokensPerSecond: [1\n");
        assertThat(e.getMessage()).startsWith("cachet.yaml:").doesNotContain("\n").doesNotContain("^");
        assertThat(problem("cache:\n  l1MaxBytes: 5\n ttl: x\n").getMessage()).matches("cachet\\.yaml:3:\\d+: .+").doesNotContain("\n");
    }

    @Test
    void duplicateIds_nameBothEntries() {
        assertThat(problem("""
                providers:
                  - {id: local, kind: openai, baseUrl: 'http://a', defaultModel: m}
                  - {id: local, kind: ollama, baseUrl: 'http://b', defaultModel: m}
                """).getMessage()).isEqualTo("cachet.yaml:3:10: field providers[1].id: 'local' is already the id of providers[0]");
    }

    @Test
    void severalProblems_areAllReported_oneLineEach() {
        ConfigException e = problem("""
                defaultProvider: nosuch
                providers:
                  - {id: x, kind: wizard, baseUrl: 'http://a', defaultModel: m}
                """);
        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).startsWith("cachet.yaml:1:18: field defaultProvider:");
        assertThat(e.problems().get(1)).startsWith("cachet.yaml:3:19: field providers[0].kind:");
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
    }
}
