package dev.cachet.engine.experiments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of an experiment's dataset, defaults merged in.
 *
 * @param index       its place in the dataset (0-based); cells and pairs are keyed by it
 * @param expected    the expected output, or null; assertions without a value take it
 * @param assertions  the case's own, then the defaults'
 * @param threshold   a score the weighted assertion scores must reach instead of every assertion passing, or null
 * @param source      where it was read ({@code file:line}), for messages
 */
public record TestCase(int index, String description, Map<String, Object> vars, String expected,
                       List<AssertionSpec> assertions, Double threshold, String source) {

    public TestCase {
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        assertions = List.copyOf(assertions);
    }

    /** A short name for tables: the description, else the first variable's value. */
    public String title() {
        if (description != null && !description.isBlank()) return description;
        if (vars.isEmpty()) return "case " + (index + 1);
        Object first = vars.values().iterator().next();
        String s = String.valueOf(first).replaceAll("\\s+", " ").strip();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
