package dev.cachet.engine.experiments.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.experiments.AssertionSpec;
import dev.cachet.engine.experiments.TestCase;
import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.templates.PromptRenderer;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Runs a case's assertions on one output with promptfoo's semantics: {@code not-} inverts, weight 0
 * never fails, values may be Jinja over the case's variables (and {@code expected}), a missing value of
 * a text type is the case's expected output. {@code similar} embeds with the in-process embedder;
 * {@code llm-rubric} asks the judge. Types Cachet cannot run come back NOT_RUN, with the reason.
 */
public final class AssertionEvaluator {

    private final PromptRenderer renderer;
    private final Embedder embedder;
    private final RubricJudge judge;
    private final Map<String, PromptRenderer.Compiled> compiled = new ConcurrentHashMap<>();
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** @param embedder for {@code similar}, or null; @param judge for {@code llm-rubric}, or null */
    public AssertionEvaluator(PromptRenderer renderer, Embedder embedder, RubricJudge judge) {
        this.renderer = renderer;
        this.embedder = embedder;
        this.judge = judge;
    }

    public CaseVerdict evaluate(TestCase c, CellOutput output) throws InterruptedException {
        var results = new ArrayList<AssertionResult>(c.assertions().size());
        for (AssertionSpec a : c.assertions()) results.add(one(a, c, output));
        return CaseVerdict.of(results, c.threshold());
    }

    AssertionResult one(AssertionSpec a, TestCase c, CellOutput out) throws InterruptedException {
        double weight = a.weightOrOne();
        if (AssertionTypes.of(a.type()) instanceof AssertionTypes.Kind.Unsupported u) {
            return notRun(a, weight, a.baseType() + " " + u.why() + "; not run");
        }
        Object output = out.text();
        if (a.transform() != null) {
            var t = OutputTransform.parse(a.transform());
            if (t.isEmpty()) return notRun(a, weight, "its transform is JavaScript Cachet does not run: " + oneLine(a.transform()));
            try {
                output = t.get().apply(output);
            } catch (IllegalArgumentException e) {
                return result(a, weight, false, 0, "transform: " + e.getMessage());
            }
        }
        Object value;
        try {
            value = value(a, c);
        } catch (PromptRenderer.RenderException e) {
            return result(a, weight, false, 0, "its value does not render: " + e.getMessage());
        }
        Check check = check(a, value, output, out);
        if (check.notRun() != null) return notRun(a, weight, check.notRun());
        boolean pass = check.holds() != a.negated();
        double score = a.negated() ? (pass ? 1 : 0) : check.score();
        String reason = pass ? "passed" + (check.detail() == null ? "" : ": " + check.detail())
                : (a.negated() ? "expected not: " : "") + (check.detail() == null ? "failed" : check.detail());
        // weight 0 reports without counting: the result stays honest, the case verdict ignores it
        return result(a, weight, pass, score, reason);
    }

    /** What a check found; {@code score} is the positive check's (similarity, rubric). */
    private record Check(boolean holds, double score, String detail, String notRun) {
        static Check of(boolean holds, String detail) { return new Check(holds, holds ? 1 : 0, detail, null); }
        static Check notRun(String why) { return new Check(false, 0, null, why); }
    }

    private Check check(AssertionSpec a, Object value, Object output, CellOutput out) throws InterruptedException {
        String text = Outputs.text(output);
        String v = value == null ? null : value instanceof String s ? s : String.valueOf(value);
        return switch (a.baseType()) {
            case "equals" -> equals(value, output, text);
            case "contains" -> Check.of(text.contains(required(v)), "output " + (text.contains(v) ? "contains" : "does not contain") + " \"" + v + "\"");
            case "icontains" -> {
                boolean h = text.toLowerCase(Locale.ROOT).contains(required(v).toLowerCase(Locale.ROOT));
                yield Check.of(h, "output " + (h ? "contains" : "does not contain") + " \"" + v + "\" (ignoring case)");
            }
            case "contains-any", "icontains-any", "contains-all", "icontains-all" -> containsMany(a.baseType(), value, text);
            case "starts-with" -> Check.of(text.startsWith(required(v)), "output " + (text.startsWith(v) ? "starts" : "does not start") + " with \"" + v + "\"");
            case "regex" -> {
                boolean h = patterns.computeIfAbsent(required(v), Pattern::compile).matcher(text).find();
                yield Check.of(h, "output " + (h ? "matches" : "does not match") + " /" + v + "/");
            }
            case "is-json" -> isJson(value, output);
            case "contains-json" -> containsJson(value, text);
            case "levenshtein" -> {
                int limit = a.threshold() == null ? 5 : a.threshold().intValue();
                int d = LevenshteinDistance.getDefaultInstance().apply(text, required(v));
                yield Check.of(d <= limit, "edit distance " + d + (d <= limit ? " ≤ " : " > ") + limit);
            }
            case "latency" -> Check.of(out.latencyMs() <= a.threshold(), String.format(Locale.ROOT, "latency %.0f ms %s %.0f ms",
                    out.latencyMs(), out.latencyMs() <= a.threshold() ? "≤" : ">", a.threshold()));
            case "cost" -> Check.of(out.costUsd() <= a.threshold(), String.format(Locale.ROOT, "cost $%.6f %s $%.6f",
                    out.costUsd(), out.costUsd() <= a.threshold() ? "≤" : ">", a.threshold()));
            case "similar", "similar:cosine" -> similar(value, text, a.threshold() == null ? 0.75 : a.threshold());
            case "llm-rubric" -> rubric(required(v), text, a.threshold());
            case "word-count" -> count(value, text.isBlank() ? 0 : text.strip().split("\\s+").length, "word count");
            case "character-count" -> count(value, text.codePointCount(0, text.length()), "character count");
            case "finish-reason" -> {
                String got = out.finish() == null ? "none" : out.finish().name().toLowerCase(Locale.ROOT);
                boolean h = got.equalsIgnoreCase(required(v).replace('-', '_'));
                yield Check.of(h, "finish reason " + got + (h ? "" : ", expected " + v));
            }
            default -> Check.notRun(a.baseType() + " is not one Cachet runs");
        };
    }

    private static String required(String v) {
        if (v == null) throw new IllegalStateException("a value the reader checked is missing");
        return v;
    }

    private Check equals(Object value, Object output, String text) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            JsonNode want = JsonSchemas.JSON.valueToTree(value);
            JsonNode got = Outputs.json(output);
            boolean h = want.equals(got);
            return Check.of(h, h ? "output equals the expected JSON" : "output is not the expected JSON " + want);
        }
        String want = String.valueOf(value);
        boolean h = text.equals(want);
        return Check.of(h, h ? "output equals \"" + oneLine(want) + "\"" : "output \"" + oneLine(text) + "\" is not \"" + oneLine(want) + "\"");
    }

    private static Check containsMany(String type, Object value, String text) {
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> l) for (Object o : l) items.add(String.valueOf(o));
        else for (String s : CommaList.split(String.valueOf(value))) items.add(s);
        boolean ignoreCase = type.startsWith("i");
        String hay = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        var found = new ArrayList<String>();
        var missing = new ArrayList<String>();
        for (String i : items) (hay.contains(ignoreCase ? i.toLowerCase(Locale.ROOT) : i) ? found : missing).add(i);
        if (type.endsWith("any")) {
            return Check.of(!found.isEmpty(), found.isEmpty() ? "output contains none of " + items : "output contains " + found);
        }
        return Check.of(missing.isEmpty(), missing.isEmpty() ? "output contains all of " + items : "missing " + missing);
    }

    private static Check isJson(Object schema, Object output) {
        JsonNode n = Outputs.json(output);
        if (n == null) return Check.of(false, "output is not valid JSON");
        if (schema == null || schema instanceof String s && s.isBlank()) return Check.of(true, "output is JSON");
        var errors = JsonSchemas.errors(JsonSchemas.compile(schema), n);
        return Check.of(errors.isEmpty(), errors.isEmpty() ? "output is JSON that conforms to the schema"
                : "JSON does not conform to the schema: " + String.join("; ", errors));
    }

    private static Check containsJson(Object schema, String text) {
        List<JsonNode> found = JsonObjects.in(text);
        if (found.isEmpty()) return Check.of(false, "output contains no JSON object");
        if (schema == null || schema instanceof String s && s.isBlank()) return Check.of(true, "output contains JSON");
        var compiled = JsonSchemas.compile(schema);
        List<String> last = List.of();
        for (JsonNode n : found) {
            last = JsonSchemas.errors(compiled, n);
            if (last.isEmpty()) return Check.of(true, "output contains JSON that conforms to the schema");
        }
        return Check.of(false, "no JSON in the output conforms to the schema: " + String.join("; ", last));
    }

    private Check similar(Object value, String text, double threshold) throws InterruptedException {
        if (embedder == null) return Check.notRun("similar needs the embedding model, which is off");
        List<String> targets = value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
        try {
            var all = new ArrayList<String>(targets);
            all.add(text);
            List<float[]> vectors = embedder.embedAll(all);
            float[] out = vectors.getLast();
            double best = -1;
            for (int i = 0; i < targets.size(); i++) best = Math.max(best, dot(vectors.get(i), out));
            boolean h = best >= threshold;
            return new Check(h, Math.max(0, best), String.format(Locale.ROOT, "cosine %.3f %s %.2f (%s)", best, h ? "≥" : "<",
                    threshold, embedder.modelId()), null);
        } catch (dev.cachet.engine.semantic.EmbeddingException e) {
            return Check.of(false, "could not embed: " + e.getMessage());
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private Check rubric(String rubric, String text, Double threshold) throws InterruptedException {
        if (judge == null) return Check.notRun("llm-rubric needs a judge model, and none is set");
        try {
            RubricJudge.Verdict v = judge.grade(rubric, text);
            boolean h = threshold == null ? v.pass() : v.score() >= threshold;
            return new Check(h, v.score(), "judge: " + v.reason() + String.format(Locale.ROOT, " (score %.2f)", v.score()), null);
        } catch (RubricJudge.JudgeException e) {
            return Check.of(false, "judge: " + e.getMessage());
        }
    }

    private static Check count(Object value, int n, String what) {
        if (value instanceof Map<?, ?> m) {
            Number min = (Number) m.get("min");
            Number max = (Number) m.get("max");
            boolean h = (min == null || n >= min.doubleValue()) && (max == null || n <= max.doubleValue());
            return Check.of(h, what + " " + n + (h ? " within " : " outside ") + (min == null ? "" : "≥ " + min) + (min != null && max != null ? " and " : "")
                    + (max == null ? "" : "≤ " + max));
        }
        double want = value instanceof Number num ? num.doubleValue() : Double.parseDouble(String.valueOf(value).strip());
        return Check.of(n == want, what + " " + n + (n == want ? "" : ", expected " + (long) want));
    }

    /** The value with Jinja rendered over the case's variables and {@code expected}; a missing text value is the expected output. */
    private Object value(AssertionSpec a, TestCase c) throws PromptRenderer.RenderException {
        Object v = a.value();
        if (v == null && AssertionTypes.takesExpected(a.baseType())) v = c.expected();
        if (v instanceof String s && (s.contains("{{") || s.contains("{%"))) return render(s, c);
        if (v instanceof List<?> l) {
            var out = new ArrayList<Object>();
            for (Object o : l) out.add(o instanceof String s && s.contains("{{") ? render(s, c) : o);
            return out;
        }
        return v;
    }

    private String render(String text, TestCase c) throws PromptRenderer.RenderException {
        var bindings = new HashMap<String, Object>(c.vars());
        if (c.expected() != null) bindings.putIfAbsent("expected", c.expected());
        return renderer.render(compiled.computeIfAbsent(text, renderer::compile).root(), bindings);
    }

    private static AssertionResult result(AssertionSpec a, double weight, boolean pass, double score, String reason) {
        return new AssertionResult(a.type(), a.describe(), pass ? AssertionResult.Status.PASSED : AssertionResult.Status.FAILED,
                score, weight, reason, a.metric());
    }

    private static AssertionResult notRun(AssertionSpec a, double weight, String why) {
        return new AssertionResult(a.type(), a.describe(), AssertionResult.Status.NOT_RUN, 0, weight, why, a.metric());
    }

    private static String oneLine(String s) {
        String t = Objects.toString(s, "").replaceAll("\\s+", " ").strip();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
