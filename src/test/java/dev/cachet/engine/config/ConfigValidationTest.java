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

    private final ConfigFile configFile = new ConfigFile();

    private ConfigException problem(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> configFile.parse(yaml, "cachet.yaml"));
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
