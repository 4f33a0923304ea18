package dev.cachet.engine.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.experiments.promptfoo.PromptfooImport;
import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.run.CellRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * promptfoo's three example suites (src/test/resources/promptfoo, unchanged) run as they are against
 * the simulator, and through {@code import-promptfoo}: every cell runs, and the assertion types Cachet
 * cannot run are listed by name.
 */
class PromptfooSuitesTest {

    @TempDir static Path dir;
    static Engine engine;

    @BeforeAll static void open() throws Exception {
        engine = ExperimentTestEngines.scripted(dir.resolve("data"), "rules: []\n");
        copy(Path.of(PromptfooSuitesTest.class.getResource("/promptfoo").toURI()), dir.resolve("suites"));
    }

    @AfterAll static void close() { engine.close(); }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target); else Files.copy(f, target);
            }
        }
    }

    private static ExperimentDefinition read(Path file) throws IOException {
        var parsed = engine.experiments().read(file);
        assertThat(parsed).as("%s: %s", file, parsed.problems()).isInstanceOf(DefinitionKind.Parsed.Valid.class);
        return ((DefinitionKind.Parsed.Valid<ExperimentDefinition>) parsed).value();
    }

    private static RunResults runOnSimulator(ExperimentDefinition d) throws Exception {
        var handle = engine.experiments().runner().start(d.withModels(List.of(new ModelTarget("simulator", "sim-small"))));
        handle.done().get(3, TimeUnit.MINUTES);
        return RunResults.load(engine.experiments().store(), handle.runId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "getting-started | 2 | 2 | ''",
            "json-output     | 1 | 2 | javascript",
            "simple-test     | 2 | 5 | javascript python"})
    void suite_runsAgainstTheSimulator_namingWhatItCannotRun(String suite, int prompts, int cases, String unsupported) throws Exception {
        ExperimentDefinition d = read(dir.resolve("suites").resolve(suite).resolve("promptfooconfig.yaml"));
        assertThat(d.format()).isEqualTo("promptfoo");
        assertThat(d.prompts()).hasSize(prompts);
        assertThat(d.cases()).hasSize(cases);

        RunResults r = runOnSimulator(d);
        List<String> expected = unsupported.isBlank() ? List.of() : List.of(unsupported.split(" "));
        assertThat(r.cells()).hasSize(prompts * cases).noneMatch(c -> c.status() == CellRecord.Status.ERROR);
        assertThat(r.analysis().notRun().keySet()).containsExactlyElementsOf(expected);
        for (String type : expected) assertThat(r.analysis().verdict()).contains(type);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"getting-started", "json-output", "simple-test"})
    void importedSuite_readsBackAsCachetsFormat_withTheSameCasesAndAssertions(String suite) throws Exception {
        ExperimentDefinition original = read(dir.resolve("suites").resolve(suite).resolve("promptfooconfig.yaml"));
        Path imported = dir.resolve(suite + "-imported.yaml");
        Files.writeString(imported, PromptfooImport.toYaml(original));

        ExperimentDefinition back = read(imported);
        assertThat(back.format()).isEqualTo("cachet");
        assertThat(back.id()).isEqualTo(original.id());
        assertThat(back.prompts()).extracting(ExperimentPrompt::messages).isEqualTo(original.prompts().stream().map(ExperimentPrompt::messages).toList());
        assertThat(back.models()).isEqualTo(original.models());
        assertThat(back.cases()).hasSameSizeAs(original.cases());
        for (int i = 0; i < original.cases().size(); i++) {
            TestCase a = original.cases().get(i);
            TestCase b = back.cases().get(i);
            assertThat(b.vars()).isEqualTo(a.vars());
            assertThat(b.expected()).isEqualTo(a.expected());
            assertThat(b.assertions()).extracting(AssertionSpec::type, AssertionSpec::value, AssertionSpec::transform)
                    .isEqualTo(a.assertions().stream().map(x -> org.assertj.core.groups.Tuple.tuple(x.type(), x.value(), x.transform())).toList());
        }
    }

    @Test void testsFromCsv_withExpectedShorthand_run() throws Exception {
        Path config = dir.resolve("suites/simple-test/csv-config.yaml");
        Files.writeString(config, """
                prompts: [file://prompts.txt]
                providers: [openai:gpt-4.1-mini]
                tests: file://tests.csv
                """);
        ExperimentDefinition d = read(config);
        assertThat(d.cases()).hasSize(3);
        assertThat(d.cases().get(0).vars()).containsEntry("body", "Hello world");
        assertThat(d.cases()).extracting(c -> c.assertions().getFirst().type()).containsExactly("javascript", "javascript", "is-json");
        RunResults r = runOnSimulator(d);
        assertThat(r.cells()).hasSize(6);
        assertThat(r.analysis().notRun()).containsEntry("javascript", 4);
    }

    @Test void defaultTest_assertionTemplates_varArraysAndNunjucksFilters_readAsPromptfooDocumentsThem() throws Exception {
        Path config = dir.resolve("suites/mixed.yaml");
        Files.writeString(config, """
                prompts:
                  - 'J {{ obj | dump }} {{ lang | upper }}'
                providers: [openai:chat:gpt-4.1-mini]
                defaultTest:
                  vars: {obj: {a: 1}}
                  assert:
                    - $ref: '#/assertionTemplates/simulated'
                assertionTemplates:
                  simulated: {type: icontains, value: SIMULATED}
                tests:
                  - vars: {lang: [fr, de]}
                    assert:
                      - type: not-contains
                        value: '{{ lang }}-never'
                      - type: regex
                        value: 'J \\{"a":1\\} (FR|DE)'
                """);
        ExperimentDefinition d = read(config);
        assertThat(d.models()).containsExactly(new ModelTarget("openai", "gpt-4.1-mini"));
        assertThat(d.cases()).extracting(c -> c.vars().get("lang")).containsExactly("fr", "de");
        assertThat(d.cases()).allSatisfy(c -> assertThat(c.assertions()).extracting(AssertionSpec::type)
                .containsExactly("not-contains", "regex", "icontains"));
        RunResults r = runOnSimulator(d);
        assertThat(r.cells()).hasSize(2).allSatisfy(c -> {
            assertThat(c.output()).contains("J {\"a\":1} ");
            assertThat(c.status()).as(c.reason()).isEqualTo(CellRecord.Status.PASSED);
        });
    }
}
