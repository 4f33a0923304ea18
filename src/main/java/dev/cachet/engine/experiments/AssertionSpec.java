package dev.cachet.engine.experiments;

/**
 * One assertion as written, promptfoo's way: a type (with an optional {@code not-} prefix), a value
 * (text, number, list or mapping; strings may hold Jinja over the case's variables), a threshold whose
 * meaning depends on the type, a weight (0 = report only) and an optional metric name.
 *
 * @param transform a promptfoo transform expression applied to the output first, or null
 * @param at        where it was written ({@code file:line:col})
 */
public record AssertionSpec(String type, Object value, Double threshold, Double weight, String metric, String transform,
                            String at) {

    public boolean negated() { return type.startsWith("not-"); }

    /** The type without its {@code not-} prefix. */
    public String baseType() { return negated() ? type.substring(4) : type; }

    public double weightOrOne() { return weight == null ? 1 : weight; }

    public AssertionSpec withValue(Object v) { return new AssertionSpec(type, v, threshold, weight, metric, transform, at); }

    public AssertionSpec withTransform(String t) { return new AssertionSpec(type, value, threshold, weight, metric, t, at); }

    /** The assertion as a person reads it in a table: {@code not-contains "x"}. */
    public String describe() {
        String v = value == null ? "" : value instanceof String s ? " \"" + shorten(s) + "\"" : " " + shorten(String.valueOf(value));
        return type + v + (threshold == null ? "" : " (threshold " + threshold + ")");
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 50 ? one.substring(0, 47) + "..." : one;
    }
}
