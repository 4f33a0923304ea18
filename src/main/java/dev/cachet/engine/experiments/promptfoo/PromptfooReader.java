package dev.cachet.engine.experiments.promptfoo;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.SourceText;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.experiments.AssertionReader;
import dev.cachet.engine.experiments.AssertionSpec;
import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.ExperimentPrompt;
import dev.cachet.engine.experiments.ExperimentReader;
import dev.cachet.engine.experiments.ModelTarget;
import dev.cachet.engine.experiments.TestCase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a promptfoo config ({@code promptfooconfig.yaml}) as promptfoo documents it: prompts (inline,
 * {@code file://} text files with several prompts split by {@code ---} lines, JSON chat prompts, globs),
 * providers (OpenAI, Anthropic and Ollama ids map to Cachet's providers), tests inline or from YAML,
 * JSON, JSONL or CSV files ({@code __expected}, {@code __description}, the {@code type:value} shorthand),
 * array-valued vars expanded into every combination, {@code defaultTest}, {@code scenarios},
 * {@code assertionTemplates} with {@code $ref}. What Cachet cannot run is a warning naming it; the rest runs.
 */
public final class PromptfooReader {

    /** Top-level keys that change nothing Cachet does (where results go, sharing, tags). */
    private static final Set<String> HARMLESS = Set.of("description", "outputPath", "sharing", "tags", "writeLatestResults",
            "evaluateOptions", "commandLineOptions", "metadata", "env", "$schema", "redteam", "tracing");
    private static final Set<String> READ = Set.of("prompts", "providers", "tests", "defaultTest", "scenarios", "assertionTemplates");

    /** A promptfoo config has prompts with tests or providers, and none of Cachet's dataset and template keys. */
    public static boolean looksLikePromptfoo(FieldReader f) {
        return !f.has("dataset") && !f.has("template") && f.has("prompts")
                && (f.has("tests") || f.has("providers") || f.has("defaultTest") || f.has("scenarios"));
    }

    public DefinitionKind.Parsed<ExperimentDefinition> read(SourceText source, FieldReader f, ProblemList problems) {
        for (var field : f.mapping().fields().values()) {
            String k = field.key();
            if (READ.contains(k) || HARMLESS.contains(k)) continue;
            problems.warning(field.keyAt(), "'" + k + "' is not supported by Cachet and was ignored"
                    + (k.equals("nunjucksFilters") ? " (custom filters are JavaScript; prompts that use them fail to render)" : ""));
        }
        var templates = new LinkedHashMap<String, YamlNode>();
        FieldReader t = f.mapping("assertionTemplates");
        if (t != null) t.mapping().fields().forEach((k, fld) -> templates.put(k, fld.value()));
        var files = new Files(source, problems);
        var assertions = new AssertionReader(problems, true, templates);

        List<ExperimentPrompt> prompts = new PromptList(files, problems).read(f.node("prompts"));
        var providers = new ProviderList(problems).read(f.node("providers"));
        var tests = new TestList(files, problems, assertions, templates);
        DefaultTest defaults = tests.defaults(f.node("defaultTest"));
        List<TestList.Test> all = new ArrayList<>(tests.read(f.node("tests"), "tests"));
        all.addAll(tests.scenarios(f.node("scenarios")));
        List<TestCase> cases = tests.cases(all, defaults);
        if (prompts.isEmpty() && !problems.hasErrors()) problems.error(f.at("prompts"), "no prompt Cachet can run");
        if (cases.isEmpty() && !problems.hasErrors()) {
            // promptfoo runs each prompt once with no variables when a config has no tests.
            cases = List.of(new TestCase(0, null, Map.of(), null, defaults.assertions(), defaults.threshold(), source.name()));
        }
        if (problems.hasErrors()) return new DefinitionKind.Parsed.Invalid<>(problems.list());
        ModelTarget judge = defaults.judge() != null ? defaults.judge() : null;
        String id = idOf(source, f);
        var d = new ExperimentDefinition(id, f.text("description"), source.name(), prompts,
                providers.targets().isEmpty() ? List.of(ModelTarget.DEFAULT) : providers.targets(), providers.params(),
                cases, 1, ExperimentDefinition.DEFAULT_CONCURRENCY, CacheMode.BYPASS, ExperimentDefinition.DEFAULT_SEED, judge, "promptfoo");
        return new DefinitionKind.Parsed.Valid<>(d, Location.START, problems.list());
    }

    /** The config's folder name (promptfoo configs are all called promptfooconfig.yaml), else the file's stem. */
    private static String idOf(SourceText source, FieldReader f) {
        String name = source.name().replace('\\', '/');
        String[] parts = name.split("/");
        String stem = ExperimentReader.stem(name);
        String base = stem.equals("promptfooconfig") && parts.length >= 2 ? parts[parts.length - 2] : stem;
        String id = base.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        return id.isEmpty() ? "promptfoo" : id;
    }

    /** defaultTest, read. */
    record DefaultTest(Map<String, Object> vars, List<AssertionSpec> assertions, Double threshold, String transform, ModelTarget judge) {
        static final DefaultTest NONE = new DefaultTest(Map.of(), List.of(), null, null, null);
    }

    /** Read providers: Cachet targets and the params their config sets. */
    record Providers(List<ModelTarget> targets, ChatParams params) { }
}
