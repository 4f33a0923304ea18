package dev.cachet.engine.definitions;

import dev.cachet.engine.config.DurationText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Typed, located access to the fields of one YAML mapping. Every rejected value becomes a problem
 * naming the field path, what was expected and what was found, at the value's line and column; the
 * getters then return null so the reader can go on and report the file's other problems too.
 */
public final class FieldReader {

    private final YamlNode.Mapping mapping;
    private final String path;
    private final ProblemList problems;

    public FieldReader(YamlNode.Mapping mapping, String path, ProblemList problems) {
        this.mapping = mapping;
        this.path = path;
        this.problems = problems;
    }

    /** The root of a document as a mapping, or null (with a problem) when it is something else. */
    public static FieldReader root(YamlNode root, ProblemList problems, String what) {
        if (root instanceof YamlNode.Mapping m) return new FieldReader(m, "", problems);
        problems.error(root.at(), "expected " + what + " (a mapping of fields such as 'id: ...'), found " + root.kind());
        return null;
    }

    public ProblemList problems() { return problems; }
    public YamlNode.Mapping mapping() { return mapping; }
    public Location at() { return mapping.at(); }

    /** Reports every key that is not one of {@code known}, with the closest known name when there is one. */
    public void only(String... known) {
        Set<String> names = new LinkedHashSet<>(Arrays.asList(known));
        for (YamlNode.Field f : mapping.fields().values()) {
            if (names.contains(f.key())) continue;
            String where = path.isEmpty() ? "" : " in " + path;
            problems.error(f.keyAt(), "unknown field '" + f.key() + "'" + where + ClosestName.hintOrKnown(f.key(), names));
        }
    }

    public boolean has(String key) { return mapping.fields().containsKey(key); }

    public YamlNode node(String key) { return mapping.get(key); }

    /** Where the value of {@code key} stands, or the mapping's place when the key is absent. */
    public Location at(String key) {
        YamlNode n = mapping.get(key);
        return n == null ? mapping.at() : n.at();
    }

    public Location keyAt(String key) {
        YamlNode.Field f = mapping.fields().get(key);
        return f == null ? mapping.at() : f.keyAt();
    }

    public String path(String key) { return path.isEmpty() ? key : path + "." + key; }

    /** Text, or null when absent or empty. A number or boolean where text is expected is an error (quote it). */
    public String text(String key) {
        YamlNode n = mapping.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) return null;
        if (n instanceof YamlNode.Scalar s && s.value() instanceof String text) return text;
        wrongType(key, n, "text" + (n instanceof YamlNode.Scalar ? " (put it in quotes)" : ""));
        return null;
    }

    public String requiredText(String key) {
        if (!has(key) || mapping.get(key) instanceof YamlNode.Scalar s && s.value() == null) {
            problems.error(mapping.get(key) == null ? mapping.at() : keyAt(key), "missing required field '" + path(key) + "'");
            return null;
        }
        return text(key);
    }

    public Double number(String key, double min, double max) {
        YamlNode n = mapping.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) return null;
        if (n instanceof YamlNode.Scalar s && s.value() instanceof Number num) {
            double v = num.doubleValue();
            if (v < min || v > max) {
                problems.error(n.at(), "field '" + path(key) + "': expected a number from " + fmt(min) + " to " + fmt(max) + ", found " + fmt(v));
                return null;
            }
            return v;
        }
        wrongType(key, n, "a number from " + fmt(min) + " to " + fmt(max));
        return null;
    }

    public Integer integer(String key, int min, int max) {
        YamlNode n = mapping.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) return null;
        if (n instanceof YamlNode.Scalar s && (s.value() instanceof Long || s.value() instanceof Integer)) {
            long v = ((Number) s.value()).longValue();
            if (v < min || v > max) {
                problems.error(n.at(), "field '" + path(key) + "': expected a whole number from " + min + " to " + max + ", found " + v);
                return null;
            }
            return (int) v;
        }
        wrongType(key, n, "a whole number from " + min + " to " + max);
        return null;
    }

    public Boolean bool(String key) {
        YamlNode n = mapping.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) return null;
        if (n instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) return b;
        wrongType(key, n, "true or false");
        return null;
    }

    public Duration duration(String key) {
        String text;
        YamlNode n = mapping.get(key);
        if (n instanceof YamlNode.Scalar s && s.value() instanceof Number num && num.longValue() == 0) text = "0s";
        else text = text(key);
        if (text == null) return null;
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            problems.error(at(key), "field '" + path(key) + "': " + e.getMessage());
            return null;
        }
    }

    /** One text or a list of texts; null when absent. */
    public List<String> texts(String key) {
        YamlNode n = mapping.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) return null;
        if (n instanceof YamlNode.Scalar s && s.value() instanceof String one) return List.of(one);
        if (!(n instanceof YamlNode.Sequence seq)) {
            wrongType(key, n, "text or a list of texts");
            return null;
        }
        var out = new ArrayList<String>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            if (item instanceof YamlNode.Scalar s && s.value() instanceof String text) out.add(text);
            else problems.error(item.at(), "field '" + path(key) + "[" + i + "]': expected text, found " + item.kind());
        }
        return out;
    }

    /** The nested mapping under {@code key}; null when absent (or not a mapping, which is reported). */
    public FieldReader mapping(String key) {
        YamlNode n = mapping.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) return null;
        if (n instanceof YamlNode.Mapping m) return new FieldReader(m, path(key), problems);
        wrongType(key, n, "a mapping of fields");
        return null;
    }

    public void error(String key, String message) { problems.error(at(key), "field '" + path(key) + "': " + message); }

    public void warning(String key, String message) { problems.warning(at(key), "field '" + path(key) + "': " + message); }

    private void wrongType(String key, YamlNode n, String expected) {
        problems.error(n.at(), "field '" + path(key) + "': expected " + expected + ", found " + n.kind());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
