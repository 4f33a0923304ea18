package dev.cachet.engine.templates;

import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.SourceText;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.definitions.YamlText;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one template file: checks every field (unknown ones with the closest known name, wrong types,
 * values out of range), compiles every message text, then renders each variant once with the declared
 * examples so that a variable used but not declared is an error here rather than at request time.
 */
public final class TemplateReader implements DefinitionKind<PromptTemplate> {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    /** Hex digits of the content hash that make a version. */
    static final int VERSION_CHARS = 12;

    private final PromptRenderer renderer;

    public TemplateReader(PromptRenderer renderer) { this.renderer = renderer; }

    @Override public String noun() { return "template"; }

    @Override public String id(PromptTemplate t) { return t.id(); }

    @Override public String describe(PromptTemplate t) { return t.id() + "@" + t.version(); }

    /** {@code experiments/} at the top of a templates folder holds experiment definitions and their datasets. */
    @Override public boolean skips(Path relativeFolder) {
        return relativeFolder.getNameCount() >= 1 && relativeFolder.getName(0).toString().equals(EXPERIMENTS_FOLDER);
    }

    /** The folder under a templates folder where experiments live. */
    public static final String EXPERIMENTS_FOLDER = "experiments";

    @Override
    public Parsed<PromptTemplate> read(SourceText source) {
        var problems = new ProblemList(source.name());
        YamlNode root = YamlText.parse(source.text(), problems);
        FieldReader f = root == null ? null : FieldReader.root(root, problems, "a template");
        if (f == null) return new Parsed.Invalid<>(problems.list());
        f.only("id", "description", "tags", "variables", "model", "params", "cache", "messages", "variants", "split", "retrieval");
        var fields = new TemplateFields(renderer, new TextPlaces(source.text()), problems);

        String id = f.requiredText("id");
        if (id != null && !ID.matcher(id).matches()) {
            f.error("id", "'" + id + "' is not a valid id: letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        List<String> tags = f.texts("tags");
        Map<String, Variable> variables = fields.variables(f.mapping("variables"));
        String model = fields.model(f);
        TemplateParams params = fields.params(f.mapping("params"));
        TemplateCache cache = fields.cache(f.mapping("cache"));
        if (!f.has("messages")) problems.error(f.at(), "missing required field 'messages' (system, user, examples)");
        MessageParts messages = fields.messages(f.mapping("messages"));
        Map<String, Variant> variants = variants(f.mapping("variants"), fields);
        Map<String, Double> split = split(f, variants);
        TemplateRetrieval retrieval = retrieval(f.mapping("retrieval"), variables);
        if (problems.hasErrors()) return new Parsed.Invalid<>(problems.list());

        var template = new PromptTemplate(id, YamlText.hash(root, VERSION_CHARS), f.text("description"),
                tags == null ? List.of() : tags, variables, model, params, cache, messages, variants, split, retrieval);
        new TemplateChecks(renderer, new TextPlaces(source.text()), problems).check(template, f);
        if (problems.hasErrors()) return new Parsed.Invalid<>(problems.list());
        return new Parsed.Valid<>(template, f.at("id"), problems.list());
    }

    /** {@code retrieval: {variable: passages, collection: manuals}}: the variable must be a declared list. */
    private static TemplateRetrieval retrieval(FieldReader r, Map<String, Variable> variables) {
        if (r == null) return TemplateRetrieval.NONE;
        r.only("variable", "collection");
        String variable = r.requiredText("variable");
        if (variable != null) {
            Variable v = variables.get(variable);
            if (v == null) {
                r.error("variable", "'" + variable + "' is not declared under variables"
                        + dev.cachet.engine.definitions.ClosestName.to(variable, variables.keySet()).map(c -> " (did you mean '" + c + "'?)").orElse("")
                        + "; declare it as a list: the retrieved chunks fill it");
            } else if (v.type() != VariableType.LIST) {
                r.error("variable", "'" + variable + "' is declared as " + v.type().name().toLowerCase(java.util.Locale.ROOT)
                        + "; the retrieved chunks fill it, so it must be a list");
            }
        }
        String collection = r.text("collection");
        return new TemplateRetrieval(variable, collection == null || collection.isBlank() ? null : collection.strip());
    }

    private static Map<String, Variant> variants(FieldReader vs, TemplateFields fields) {
        var out = new LinkedHashMap<String, Variant>();
        if (vs == null) return out;
        for (YamlNode.Field field : vs.mapping().fields().values()) {
            String name = field.key();
            if (!VARIANT.matcher(name).matches()) {
                vs.problems().error(field.keyAt(), "variant name '" + name + "' must be letters, digits, '_' and '-'");
                continue;
            }
            if (field.value() instanceof YamlNode.Scalar s && (s.value() == null || "".equals(s.value()))) { // "A:" = the template as it is
                out.put(name, new Variant(name, null, MessageParts.NONE, TemplateParams.NONE, null));
                continue;
            }
            FieldReader v = vs.mapping(name);
            if (v == null) continue;
            v.only("description", "messages", "params", "model");
            out.put(name, new Variant(name, v.text("description"), fields.messages(v.mapping("messages")),
                    fields.params(v.mapping("params")), fields.model(v)));
        }
        if (vs.mapping().fields().isEmpty()) vs.problems().error(vs.at(), "'variants' is empty: name at least one, or leave the field out");
        return out;
    }

    private static Map<String, Double> split(FieldReader f, Map<String, Variant> variants) {
        var out = new LinkedHashMap<String, Double>();
        FieldReader s = f.mapping("split");
        if (s == null) return out;
        if (variants.isEmpty()) {
            f.error("split", "needs variants to split traffic between (declare them under 'variants')");
            return out;
        }
        s.only(variants.keySet().toArray(String[]::new));
        double total = 0;
        for (String name : s.mapping().fields().keySet()) {
            if (!variants.containsKey(name)) continue;
            Double w = s.number(name, 0, Double.MAX_VALUE);
            if (w == null) continue;
            out.put(name, w);
            total += w;
        }
        if (!out.isEmpty() && total == 0) s.problems().error(s.at(), "field 'split': the weights add up to 0; give at least one variant traffic");
        for (String name : variants.keySet()) {
            if (!s.has(name)) s.problems().warning(s.at(), "variant '" + name + "' has no weight in 'split', so no traffic is assigned to it");
        }
        return out;
    }
}
