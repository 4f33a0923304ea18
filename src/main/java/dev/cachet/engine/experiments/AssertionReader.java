package dev.cachet.engine.experiments;

import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.definitions.YamlText;
import dev.cachet.engine.experiments.assertions.AssertionTypes;
import dev.cachet.engine.experiments.assertions.JsonSchemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads assertions, as Cachet's experiment files and promptfoo configs write them: mappings
 * ({@code type}, {@code value}, {@code threshold}, {@code weight}, {@code metric}, {@code transform}) or
 * promptfoo's {@code type:value} shorthand ({@code contains:Paris}, {@code not-icontains:sorry},
 * {@code similar(0.9):Hello}, {@code fn:...}). Checks what can be checked before a run: the type exists
 * (typos get the closest name), values have the right shape, regular expressions and JSON schemas compile.
 */
public final class AssertionReader {

    /** Keys an assertion mapping may have in Cachet's files. */
    static final List<String> FIELDS = List.of("type", "value", "threshold", "weight", "metric", "transform");
    /** promptfoo keys Cachet reads past with a warning (they tune things it does not have). */
    static final List<String> PROMPTFOO_IGNORED = List.of("provider", "config", "rubricPrompt", "contextTransform", "normalizeUnicode");

    private static final Pattern SHORTHAND = Pattern.compile("^(not-)?(" + String.join("|",
            AssertionTypes.all().stream().map(Pattern::quote).toList()) + ")(?:\\((\\d+(?:\\.\\d+)?)\\))?(?::([\\s\\S]*))?$");

    private final ProblemList problems;
    private final boolean promptfoo;
    private final Map<String, YamlNode> templates;

    /**
     * @param promptfoo lenient about promptfoo's extra keys (a warning instead of an error)
     * @param templates promptfoo's {@code assertionTemplates}, for {@code $ref: '#/assertionTemplates/NAME'}
     */
    public AssertionReader(ProblemList problems, boolean promptfoo, Map<String, YamlNode> templates) {
        this.problems = problems;
        this.promptfoo = promptfoo;
        this.templates = templates;
    }

    /** A list of assertions (or one); null or absent gives an empty list. */
    public List<AssertionSpec> list(YamlNode node, String path) {
        var out = new ArrayList<AssertionSpec>();
        if (node == null || node instanceof YamlNode.Scalar s && s.value() == null) return out;
        List<YamlNode> items = node instanceof YamlNode.Sequence seq ? seq.items() : List.of(node);
        for (int i = 0; i < items.size(); i++) {
            AssertionSpec a = one(items.get(i), path + "[" + i + "]");
            if (a != null) out.add(a);
        }
        return out;
    }

    /** One assertion, or null when it is broken (reported). */
    public AssertionSpec one(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String text) return shorthand(text, node.at());
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.error(node.at(), path + ": expected an assertion ({type: ..., value: ...} or 'type:value'), found " + node.kind());
            return null;
        }
        if (m.fields().containsKey("$ref")) return reference(m, path);
        var f = new FieldReader(m, path, problems);
        if (promptfoo) {
            for (YamlNode.Field field : m.fields().values()) {
                if (FIELDS.contains(field.key())) continue;
                problems.warning(field.keyAt(), path + ": '" + field.key() + "' is not used by Cachet and was ignored");
            }
        } else {
            f.only(FIELDS.toArray(String[]::new));
        }
        String type = f.requiredText("type");
        if (type == null) return null;
        Object value = f.has("value") ? YamlText.plain(f.node("value")) : null;
        Double threshold = f.number("threshold", -1e12, 1e12);
        Double weight = f.number("weight", 0, 1e6);
        var spec = new AssertionSpec(type, value, threshold, weight, f.text("metric"), f.text("transform"), where(node.at()));
        return check(spec, f.has("value") ? f.node("value").at() : node.at(), node.at()) ? spec : null;
    }

    /** promptfoo's shorthand: {@code [not-]TYPE[(THRESHOLD)][:VALUE]}, else the text is an {@code equals} value. */
    public AssertionSpec shorthand(String text, Location at) {
        String t = text.strip();
        String legacy = legacy(t);
        if (legacy != null) return new AssertionSpec(legacy, t.substring(t.indexOf(':') + 1).strip(), null, null, null, null, where(at));
        if (t.startsWith("file://") && (t.endsWith(".py") || t.contains(".py:"))) return new AssertionSpec("python", t, null, null, null, null, where(at));
        if (t.startsWith("file://") && t.matches(".*\\.[jt]s(:.*)?$")) return new AssertionSpec("javascript", t, null, null, null, null, where(at));
        Matcher m = SHORTHAND.matcher(t);
        if (!m.matches()) return new AssertionSpec("equals", text, null, null, null, null, where(at));
        String type = (m.group(1) == null ? "" : "not-") + m.group(2);
        String raw = m.group(4) == null ? null : m.group(4).strip();
        Double threshold = m.group(3) == null ? null : Double.valueOf(m.group(3));
        Object value = raw;
        if (raw != null && m.group(2).matches("i?contains-(any|all)")) value = java.util.Arrays.stream(raw.split(",")).map(String::strip).toList();
        var spec = new AssertionSpec(type, value, threshold, null, null, null, where(at));
        return check(spec, at, at) ? spec : null;
    }

    private static String legacy(String t) {
        for (String p : List.of("javascript:", "fn:", "eval:")) if (t.startsWith(p)) return "javascript";
        if (t.startsWith("grade:") || t.startsWith("llm-rubric:")) return "llm-rubric";
        if (t.startsWith("python:")) return "python";
        return null;
    }

    private AssertionSpec reference(YamlNode.Mapping m, String path) {
        var f = new FieldReader(m, path, problems);
        String ref = f.text("$ref");
        if (ref == null) return null;
        String prefix = "#/assertionTemplates/";
        YamlNode target = ref.startsWith(prefix) ? templates.get(ref.substring(prefix.length())) : null;
        if (target == null) {
            String hint = dev.cachet.engine.definitions.ClosestName.to(ref.startsWith(prefix) ? ref.substring(prefix.length()) : ref,
                    templates.keySet()).map(c -> " (did you mean '" + prefix + c + "'?)").orElse(templates.isEmpty()
                    ? " (the file has no assertionTemplates)" : " (assertionTemplates: " + String.join(", ", templates.keySet()) + ")");
            f.error("$ref", "no assertion template '" + ref + "'" + hint);
            return null;
        }
        return one(target, path + " ($ref " + ref + ")");
    }

    /** Type known and value usable; false (reported) otherwise. Unsupported types pass: a run lists them by name. */
    private boolean check(AssertionSpec a, Location valueAt, Location at) {
        switch (AssertionTypes.of(a.type())) {
            case AssertionTypes.Kind.Unknown u -> {
                problems.error(at, "unknown assertion type '" + a.type() + "'" + u.closest().map(c -> " (did you mean '" + c + "'?)").orElse(""));
                return false;
            }
            case AssertionTypes.Kind.Unsupported u -> {
                problems.warning(at, "assertion type '" + a.type() + "' " + u.why() + ": it will be reported as not run");
                return true;
            }
            case AssertionTypes.Kind.Supported s -> {
                String problem = valueProblem(a);
                if (problem != null) problems.error(valueAt, a.type() + ": " + problem);
                return problem == null;
            }
        }
    }

    private static String valueProblem(AssertionSpec a) {
        Object v = a.value();
        boolean templated = v instanceof String s && (s.contains("{{") || s.contains("{%"));
        return switch (a.baseType()) {
            case "contains", "icontains", "starts-with" -> v == null || v instanceof String || v instanceof Number ? null : "expected a text value";
            case "contains-any", "contains-all", "icontains-any", "icontains-all" ->
                    v instanceof List<?> || v instanceof String ? null : "expected a list of texts (or one comma-separated text)";
            case "regex" -> {
                if (v != null && !(v instanceof String)) yield "expected a regular expression as text";
                if (v == null || templated) yield null;
                try {
                    Pattern.compile((String) v);
                    yield null;
                } catch (PatternSyntaxException e) {
                    yield "the regular expression does not compile: " + e.getDescription() + " at index " + e.getIndex();
                }
            }
            case "is-json", "contains-json" -> {
                if (v == null || v instanceof String s && s.isBlank() || templated) yield null;
                try {
                    JsonSchemas.compile(v);
                    yield null;
                } catch (IllegalArgumentException e) {
                    yield e.getMessage();
                }
            }
            case "levenshtein" -> v == null || v instanceof String ? null : "expected the text to compare with";
            case "similar", "similar:cosine" -> v == null || v instanceof String || v instanceof List<?> ? null : "expected a text (or a list of texts)";
            case "latency", "cost" -> a.threshold() == null ? "needs a threshold (" + (a.baseType().equals("latency") ? "milliseconds" : "US dollars") + ")" : null;
            case "word-count", "character-count" -> countProblem(v);
            case "llm-rubric" -> v instanceof String s && !s.isBlank() ? null : "expected the rubric as text";
            case "finish-reason" -> v instanceof String ? null : "expected a finish reason (stop, length, content_filter, ...)";
            default -> null;
        };
    }

    private static String countProblem(Object v) {
        if (v instanceof Number n && n.doubleValue() >= 0) return null;
        if (v instanceof String s && s.strip().matches("\\d+")) return null;
        if (v instanceof Map<?, ?> m && (m.containsKey("min") || m.containsKey("max"))) {
            for (var e : m.entrySet()) {
                if (!(e.getKey().equals("min") || e.getKey().equals("max"))) return "unknown bound '" + e.getKey() + "' (min, max)";
                if (!(e.getValue() instanceof Number n) || n.doubleValue() < 0) return "'" + e.getKey() + "' must be a number of at least 0";
            }
            if (m.get("min") instanceof Number lo && m.get("max") instanceof Number hi && lo.doubleValue() > hi.doubleValue()) {
                return "min (" + lo + ") is more than max (" + hi + ")";
            }
            return null;
        }
        return "expected a count, or {min: ..., max: ...}";
    }

    private String where(Location at) { return problems.source() + ":" + at.line() + ":" + at.column(); }
}
