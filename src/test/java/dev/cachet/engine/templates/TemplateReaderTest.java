package dev.cachet.engine.templates;

import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.definitions.SourceText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a template file may say, and how each mistake is reported: file, line, column, what was expected. */
class TemplateReaderTest {

    private final TemplateReader reader = new TemplateReader(new PromptRenderer());

    private DefinitionKind.Parsed<PromptTemplate> read(String text) {
        return reader.read(new SourceText("t.yaml", null, "", text));
    }

    private List<String> problems(String text) {
        return read(text).problems().stream().map(Problem::format).toList();
    }

    private PromptTemplate valid(String text) {
        var parsed = read(text);
        assertThat(parsed).as(parsed.problems().toString()).isInstanceOf(DefinitionKind.Parsed.Valid.class);
        return ((DefinitionKind.Parsed.Valid<PromptTemplate>) parsed).value();
    }

    @Test
    void aFullTemplate_readsEveryField() {
        PromptTemplate t = valid("""
                id: full
                description: Everything
                tags: [a, b]
                variables:
                  question: {type: string, required: true, example: why}
                  n: {type: number, default: 3}
                  flags: list
                model: openai/gpt-4o-mini
                params: {temperature: 0.2, max_tokens: 100, top_p: 0.9, stop: ["END"], response_format: json_object}
                cache: {exact: false, semantic: true, semantic_threshold: 0.9, ttl: 2h}
                messages:
                  system: Use {{ n }} words{% for f in flags %} {{ f }}{% endfor %}.
                  examples:
                    - user: hi
                      assistant: hello
                  user: "{{ question }}"
                variants:
                  A:
                  B:
                    params: {temperature: 0}
                    model: simulator/sim-large
                split: {A: 3, B: 1}
                """);
        assertThat(t.id()).isEqualTo("full");
        assertThat(t.version()).hasSize(12);
        assertThat(t.tags()).containsExactly("a", "b");
        assertThat(t.variables().get("question").required()).isTrue();
        assertThat(t.variables().get("n").defaultValue()).isEqualTo(3L);
        assertThat(t.variables().get("flags").type()).isEqualTo(VariableType.LIST);
        assertThat(t.params()).isEqualTo(new TemplateParams(0.2, 100, 0.9, List.of("END"), "json_object"));
        assertThat(t.cache()).isEqualTo(new TemplateCache(false, true, 0.9, java.time.Duration.ofHours(2)));
        assertThat(t.messages().examplesOrEmpty()).hasSize(1);
        assertThat(t.variantNames()).containsExactly("A", "B");
        assertThat(t.resolve("B").orElseThrow().params().temperature()).isEqualTo(0.0);
        assertThat(t.resolve("B").orElseThrow().params().maxTokens()).isEqualTo(100);
        assertThat(t.resolve("B").orElseThrow().model()).isEqualTo("simulator/sim-large");
        assertThat(t.resolve("A").orElseThrow().model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(t.split()).containsExactly(java.util.Map.entry("A", 3.0), java.util.Map.entry("B", 1.0));
    }

    @Test
    void anUnknownField_pointsAtTheKey_andSuggestsTheClosestKnownOne() {
        assertThat(problems("""
                id: x
                modle: openai/gpt-4o
                params: {temprature: 0.2}
                messages: {user: hi}
                """)).containsExactly(
                "t.yaml:2:1: unknown field 'modle' (did you mean 'model'?)",
                "t.yaml:3:10: unknown field 'temprature' in params (did you mean 'temperature'?)");
    }

    @Test
    void wrongTypesAndValues_sayWhatWasExpectedAndWhatWasFound() {
        assertThat(problems("""
                id: x
                params:
                  temperature: 3
                  max_tokens: many
                variables:
                  n: {type: integer}
                  flag: {type: boolean, default: maybe}
                messages: {user: "{{ flag }}"}
                """)).containsExactly(
                "t.yaml:3:16: field 'params.temperature': expected a number from 0 to 2, found 3",
                "t.yaml:4:15: field 'params.max_tokens': expected a whole number from 1 to 10000000, found text",
                "t.yaml:6:13: field 'variables.n.type': unknown type 'integer' (types: string, number, boolean, list, object)",
                "t.yaml:7:34: field 'variables.flag.default': expected true or false (the variable's type is boolean), found text");
    }

    @Test
    void aJinjaSyntaxError_isReportedAtItsLineInTheFile() {
        assertThat(problems("""
                id: x
                messages:
                  system: |
                    First line.
                    Then {% if x %} never closed.
                  user: hi
                variables:
                  x: boolean
                """)).anySatisfy(p -> assertThat(p).startsWith("t.yaml:5:10: in messages.system:").contains("endif"));
    }

    @Test
    void aVariableUsedButNotDeclared_isAnErrorAtItsPlace_withTheClosestDeclaredName() {
        assertThat(problems("""
                id: x
                variables:
                  question: {type: string, required: true}
                messages:
                  user: |
                    Answer this:
                    {{ qustion }}
                """)).contains("t.yaml:7:5: in messages.user: uses 'qustion', which is not declared under variables (did you mean 'question'?)");
    }

    @Test
    void loopVariablesAndMissingKeysOfExamples_areNotMistakenForUndeclaredVariables() {
        valid("""
                id: x
                variables:
                  items: {type: list, example: [{title: a}]}
                messages:
                  user: |
                    {% for it in items %}{{ it.title }}{% if it.url %} {{ it.url }}{% endif %}{% endfor %}
                    {% set n = items | length %}{{ n }}
                """);
    }

    @Test
    void aDeclaredVariableNoMessageUses_isAWarning_notAnError() {
        var parsed = read("""
                id: x
                variables: {used: string, unused: string}
                messages: {user: "{{ used }}"}
                """);
        assertThat(parsed).isInstanceOf(DefinitionKind.Parsed.Valid.class);
        assertThat(parsed.problems()).extracting(Problem::format)
                .containsExactly("t.yaml:2:27: warning: variable 'unused' is declared but no message uses it");
    }

    @Test
    void everyVariantNeedsAUserMessage() {
        assertThat(problems("""
                id: x
                messages: {system: be brief}
                variants:
                  A: {messages: {user: one}}
                  B: {params: {temperature: 0}}
                """)).containsExactly("t.yaml:5:3: variant 'B' has no user message: set messages.user in the template or the variant");
    }

    @Test
    void splitNamesOnlyDeclaredVariants_andAVariantLeftOutGetsAWarning() {
        assertThat(problems("""
                id: x
                messages: {user: hi}
                variants: {A: , B: }
                split: {A: 1, C: 1}
                """)).containsExactly(
                "t.yaml:4:15: unknown field 'C' in split (known: A, B)",
                "t.yaml:4:8: warning: variant 'B' has no weight in 'split', so no traffic is assigned to it");
    }

    @Test
    void requiredFields_andBadIdsAndModels_areNamed() {
        assertThat(problems("""
                description: no id
                model: gpt-4o
                """)).containsExactly(
                "t.yaml:1:1: missing required field 'id'",
                "t.yaml:1:1: missing required field 'messages' (system, user, examples)",
                "t.yaml:2:8: field 'model': expected provider/model (e.g. openai/gpt-4o-mini or simulator/sim-small), found 'gpt-4o'");
    }

    @Test
    void theVersion_changesWithTheContent_notWithCommentsOrLayout() {
        String a = valid("id: x\nmessages: {user: hi}\n").version();
        String b = valid("# comment\nmessages:\n  user: 'hi'\nid: x\n").version();
        String c = valid("id: x\nmessages: {user: hi!}\n").version();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }
}
