package dev.cachet.engine.experiments;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.SourceText;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.definitions.YamlText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads Cachet's experiment files (schema in prompts/experiments/README.md): every field checked,
 * unknown ones with the closest known name, datasets read from the files they name, every problem at
 * its file, line and column. A promptfoo config (it has {@code prompts:} and {@code tests:}) is handed
 * to the promptfoo reader.
 */
public final class ExperimentReader implements DefinitionKind<ExperimentDefinition> {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final List<String> FIELDS = List.of("id", "description", "template", "variants", "prompts", "models", "params",
            "dataset", "defaults", "repeat", "concurrency", "cache", "seed", "judge");

    @Override public String noun() { return "experiment"; }

    @Override public String id(ExperimentDefinition d) { return d.id(); }

    @Override
    public Parsed<ExperimentDefinition> read(SourceText source) {
        var problems = new ProblemList(source.name());
        YamlNode root = YamlText.parseCore(source.text(), problems);
        FieldReader f = root == null ? null : FieldReader.root(root, problems, "an experiment");
        if (f == null) return new Parsed.Invalid<>(problems.list());
        if (dev.cachet.engine.experiments.promptfoo.PromptfooReader.looksLikePromptfoo(f)) {
            return new dev.cachet.engine.experiments.promptfoo.PromptfooReader().read(source, f, problems);
        }
        f.only(FIELDS.toArray(String[]::new));
        String id = f.has("id") ? f.text("id") : stem(source.name());
        if (id != null && !ID.matcher(id).matches()) f.error("id", "'" + id + "' is not a valid id: letters, digits, '.', '_' and '-'");

        List<ExperimentPrompt> prompts = prompts(f, problems);
        List<ModelTarget> models = models(f);
        ChatParams params = Params.read(f.mapping("params"));
        var assertions = new AssertionReader(problems, false, Map.of());

        FieldReader defaults = f.mapping("defaults");
        Map<String, Object> defaultVars = new LinkedHashMap<>();
        List<AssertionSpec> defaultAsserts = List.of();
        Double defaultThreshold = null;
        if (defaults != null) {
            defaults.only("vars", "assert", "threshold");
            FieldReader dv = defaults.mapping("vars");
            if (dv != null) dv.mapping().fields().forEach((k, fld) -> defaultVars.put(k, YamlText.plain(fld.value())));
            defaultAsserts = assertions.list(defaults.node("assert"), "defaults.assert");
            defaultThreshold = defaults.number("threshold", 0, 1);
        }
        List<CaseRow> rows = dataset(f, source, problems, assertions);
        List<TestCase> cases = Cases.merge(rows, defaultVars, defaultAsserts, defaultThreshold, null, problems);

        Integer repeat = f.integer("repeat", 1, 1000);
        Integer concurrency = f.integer("concurrency", 1, 1024);
        CacheMode cache = cache(f);
        Integer seed = f.integer("seed", 0, Integer.MAX_VALUE);
        String judge = f.text("judge");
        if (problems.hasErrors() || prompts.isEmpty()) {
            if (prompts.isEmpty() && !problems.hasErrors()) problems.error(f.at(), "no prompts: give 'template' (and 'variants') or 'prompts'");
            return new Parsed.Invalid<>(problems.list());
        }
        var d = new ExperimentDefinition(id, f.text("description"), source.name(), prompts,
                models.isEmpty() ? List.of(ModelTarget.DEFAULT) : models, params, cases, repeat == null ? 1 : repeat,
                concurrency == null ? ExperimentDefinition.DEFAULT_CONCURRENCY : concurrency, cache,
                seed == null ? ExperimentDefinition.DEFAULT_SEED : seed.longValue(), judge == null ? null : ModelTarget.parse(judge), "cachet");
        return new Parsed.Valid<>(d, f.has("id") ? f.at("id") : Location.START, problems.list());
    }

    public static String stem(String name) {
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static List<ExperimentPrompt> prompts(FieldReader f, ProblemList problems) {
        var out = new ArrayList<ExperimentPrompt>();
        if (f.has("template") && f.has("prompts")) {
            f.error("prompts", "give 'template' (with 'variants') or 'prompts', not both");
            return out;
        }
        if (f.has("template")) {
            String template = f.text("template");
            List<String> variants = f.texts("variants");
            if (template == null) return out;
            if (variants == null || variants.isEmpty()) out.add(ExperimentPrompt.ofTemplate(template, null));
            else for (String v : variants) out.add(ExperimentPrompt.ofTemplate(template, v));
            return out;
        }
        if (f.has("variants")) f.error("variants", "needs 'template': variants are a template's");
        YamlNode list = f.node("prompts");
        if (list == null) return out;
        if (!(list instanceof YamlNode.Sequence seq)) {
            f.error("prompts", "expected a list of prompts (texts, or {id, text} / {id, messages})");
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String label = "prompt " + (i + 1);
            if (item instanceof YamlNode.Scalar s && s.value() instanceof String text) {
                out.add(ExperimentPrompt.ofText(label, text));
                continue;
            }
            if (!(item instanceof YamlNode.Mapping m)) {
                problems.error(item.at(), "prompts[" + i + "]: expected a text or {id, text} / {id, messages}, found " + item.kind());
                continue;
            }
            var p = new FieldReader(m, "prompts[" + i + "]", problems);
            p.only("id", "text", "messages");
            if (p.has("id")) label = p.text("id");
            if (p.has("text") == p.has("messages")) {
                problems.error(item.at(), "prompts[" + i + "]: give 'text' or 'messages'");
                continue;
            }
            if (p.has("text")) {
                String text = p.text("text");
                if (text != null) out.add(ExperimentPrompt.ofText(label, text));
                continue;
            }
            List<ExperimentPrompt.Message> messages = Messages.read(p.node("messages"), "prompts[" + i + "].messages", problems);
            if (!messages.isEmpty()) out.add(new ExperimentPrompt(label, null, null, messages));
        }
        var labels = new java.util.HashSet<String>();
        for (ExperimentPrompt p : out) {
            if (!labels.add(p.label())) problems.error(f.at("prompts"), "two prompts are called '" + p.label() + "': give them different ids");
        }
        return out;
    }

    private static List<ModelTarget> models(FieldReader f) {
        List<String> texts = f.texts("models");
        if (texts == null) return List.of();
        var out = new ArrayList<ModelTarget>();
        for (String t : texts) {
            if (t.isBlank()) f.error("models", "an empty model name");
            else out.add(ModelTarget.parse(t));
        }
        return out;
    }

    private static CacheMode cache(FieldReader f) {
        String c = f.text("cache");
        if (c == null) return CacheMode.BYPASS;
        return switch (c.toLowerCase(Locale.ROOT)) {
            case "bypass", "off", "none" -> CacheMode.BYPASS;
            case "use", "on" -> CacheMode.USE;
            case "refresh" -> CacheMode.REFRESH;
            default -> {
                f.error("cache", "expected bypass (default: every cell asks the model), use (look up and store) or refresh "
                        + "(ask the model, store the answer), found '" + c + "'");
                yield CacheMode.BYPASS;
            }
        };
    }

    private static List<CaseRow> dataset(FieldReader f, SourceText source, ProblemList problems, AssertionReader assertions) {
        YamlNode d = f.node("dataset");
        if (d == null) {
            problems.error(f.at(), "missing required field 'dataset' (rows inline, or a .jsonl, .csv or .yaml file)");
            return List.of();
        }
        var reader = new DatasetReader(problems, assertions, false);
        if (d instanceof YamlNode.Sequence) return reader.rows(d, "dataset");
        String file;
        if (d instanceof YamlNode.Mapping m) {
            var df = new FieldReader(m, "dataset", problems);
            df.only("file");
            file = df.requiredText("file");
        } else {
            file = f.text("dataset");
        }
        if (file == null) return List.of();
        try {
            SiblingFiles.Read read = SiblingFiles.read(source, file);
            var found = new ArrayList<Problem>();
            List<CaseRow> rows = DatasetReader.file(read.name(), read.text(), false, found, Map.of());
            for (Problem p : found) {
                // The dataset's own problems keep its name; they count as this file's errors.
                if (p.isError()) problems.error(f.at("dataset"), p.located());
                else problems.warning(f.at("dataset"), p.located());
            }
            return rows;
        } catch (IOException e) {
            f.error("dataset", e.getMessage());
            return List.of();
        }
    }
}
