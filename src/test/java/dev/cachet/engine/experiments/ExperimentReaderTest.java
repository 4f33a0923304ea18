package dev.cachet.engine.experiments;

import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.definitions.SourceText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cachet's experiment files: datasets in every format, and every mistake at its file, line and column. */
class ExperimentReaderTest {

    @TempDir Path dir;

    private DefinitionKind.Parsed<ExperimentDefinition> read(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return new ExperimentReader().read(new SourceText(file.toString(), file, "", text));
    }

    private ExperimentDefinition valid(String name, String text) throws Exception {
        var parsed = read(name, text);
        assertThat(parsed).as("%s", parsed.problems()).isInstanceOf(DefinitionKind.Parsed.Valid.class);
        return ((DefinitionKind.Parsed.Valid<ExperimentDefinition>) parsed).value();
    }

    private List<String> errors(String name, String text) throws Exception {
        var parsed = read(name, text);
        assertThat(parsed).isInstanceOf(DefinitionKind.Parsed.Invalid.class);
        return parsed.problems().stream().filter(Problem::isError).map(Problem::format).toList();
    }

    @Test void datasets_inJsonlCsvAndYaml_giveTheSameCases() throws Exception {
        Files.writeString(dir.resolve("rows.jsonl"), """
                {"vars": {"q": "one"}, "expected": "1"}

                {"q": "two", "__expected": "contains:2"}
                """);
        Files.writeString(dir.resolve("rows.csv"), "q,__expected,__description\none,1,first\n\"two, too\",contains:2,second\n");
        Files.writeString(dir.resolve("rows.yaml"), "- {vars: {q: one}, expected: '1'}\n- {q: two, flag: yes}\n");
        String head = "prompts: [\"Q {{ q }}\"]\ndataset: %s\n";

        ExperimentDefinition jsonl = valid("a.yaml", head.formatted("rows.jsonl"));
        assertThat(jsonl.cases()).extracting(TestCase::vars).containsExactly(java.util.Map.of("q", "one"), java.util.Map.of("q", "two"));
        assertThat(jsonl.cases().getFirst().expected()).isEqualTo("1");
        assertThat(jsonl.cases().get(1).assertions()).extracting(AssertionSpec::type, AssertionSpec::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("contains", "2"));

        ExperimentDefinition csv = valid("b.yaml", head.formatted("rows.csv"));
        assertThat(csv.cases()).extracting(TestCase::description).containsExactly("first", "second");
        assertThat(csv.cases().get(1).vars()).containsEntry("q", "two, too");
        assertThat(csv.cases().getFirst().assertions()).extracting(AssertionSpec::type).containsExactly("equals");

        ExperimentDefinition yaml = valid("c.yaml", head.formatted("rows.yaml"));
        // YAML 1.2, as promptfoo reads it: 'yes' is the word.
        assertThat(yaml.cases().get(1).vars()).containsEntry("flag", "yes");
    }

    @Test void aBrokenJsonlLine_isNamedByTheDatasetsFileAndLine() throws Exception {
        Files.writeString(dir.resolve("bad.jsonl"), "{\"q\": \"one\"}\n{\"q\": \"two\"\n{\"q\": \"three\"}\n");
        List<String> errors = errors("d.yaml", "prompts: [\"Q {{ q }}\"]\ndataset: bad.jsonl\n");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).contains("d.yaml:2:").contains("bad.jsonl:2:"));
    }

    @Test void unknownFieldsAndBadValues_areErrorsAtTheirLineAndColumn() throws Exception {
        List<String> errors = errors("e.yaml", """
                prompts: ["Q {{ q }}"]
                repeat: 0
                cache: sometimes
                defaults:
                  assert:
                    - {type: icontain, value: x}
                dataset: [{q: 1}]
                judgee: openai/gpt-4.1
                """);
        String f = dir.resolve("e.yaml").toString();
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(f + ":2:").contains("repeat"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(f + ":3:").contains("bypass"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(f + ":6:").contains("unknown assertion type 'icontain'")
                .contains("did you mean 'icontains'"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(f + ":8:1:").contains("judge"));
    }

    @Test void templateAndPrompts_together_orNeither_areErrors() throws Exception {
        assertThat(errors("f.yaml", "template: t\nprompts: [x]\ndataset: [{a: 1}]\n"))
                .anySatisfy(e -> assertThat(e).contains("give 'template' (with 'variants') or 'prompts', not both"));
        assertThat(errors("g.yaml", "dataset: [{a: 1}]\n")).anySatisfy(e -> assertThat(e).contains("no prompts"));
        assertThat(errors("h.yaml", "prompts: [x]\n")).anySatisfy(e -> assertThat(e).contains("missing required field 'dataset'"));
    }

    @Test void modelsMakeAMatrix_armsNamedByPromptAndModel() throws Exception {
        ExperimentDefinition d = valid("m.yaml", """
                prompts: [{id: A, text: "a {{ q }}"}, {id: B, text: "b {{ q }}"}]
                models: [simulator/sim-small, simulator/sim-large]
                repeat: 3
                dataset: [{q: 1}, {q: 2}]
                """);
        assertThat(d.arms()).extracting(ExperimentDefinition.Arm::name)
                .containsExactly("A @ simulator/sim-small", "A @ simulator/sim-large", "B @ simulator/sim-small", "B @ simulator/sim-large");
        assertThat(d.totalCells()).isEqualTo(2 * 2 * 2 * 3);
        assertThat(d.cache()).isEqualTo(dev.cachet.engine.chat.CacheMode.BYPASS);
    }
}
