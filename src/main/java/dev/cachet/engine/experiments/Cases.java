package dev.cachet.engine.experiments;

import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.experiments.assertions.AssertionTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns dataset rows into test cases: defaults merged in, an expected output wired to the assertions that take it. */
public final class Cases {

    private Cases() { }

    /**
     * @param defaultTransform promptfoo's {@code defaultTest.options.transform}, or null
     */
    public static List<TestCase> merge(List<CaseRow> rows, Map<String, Object> defaultVars, List<AssertionSpec> defaultAsserts,
                                Double defaultThreshold, String defaultTransform, ProblemList problems) {
        var out = new ArrayList<TestCase>();
        for (CaseRow r : rows) {
            var vars = new LinkedHashMap<String, Object>(defaultVars);
            vars.putAll(r.vars());
            String transform = r.transform() != null ? r.transform() : defaultTransform;
            var asserts = new ArrayList<AssertionSpec>();
            for (AssertionSpec a : r.assertions()) asserts.add(withTransform(a, transform));
            for (AssertionSpec a : defaultAsserts) asserts.add(withTransform(a, transform));
            if (r.expected() != null) {
                boolean used = asserts.stream().anyMatch(a -> a.value() == null && AssertionTypes.takesExpected(a.baseType()));
                if (!used) {
                    if (asserts.isEmpty()) {
                        asserts.add(new AssertionSpec("equals", null, null, null, null, transform, r.at()));
                    } else {
                        problems.warning(Location.START, r.at() + ": the case has 'expected' but no assertion uses it (add one "
                                + "without a value, e.g. '- type: equals' or '- type: similar')");
                    }
                }
            }
            out.add(new TestCase(out.size(), r.description(), vars, r.expected(), asserts,
                    r.threshold() != null ? r.threshold() : defaultThreshold, r.at()));
        }
        return out;
    }

    /**
     * A row's (or the defaults') transform applies to the output first, then the assertion's own: as in
     * promptfoo, the steps are kept one a line.
     */
    private static AssertionSpec withTransform(AssertionSpec a, String rowTransform) {
        if (rowTransform == null) return a;
        return a.withTransform(a.transform() == null ? rowTransform : rowTransform + "\n" + a.transform());
    }
}
