package dev.cachet.engine.experiments;

import java.util.List;
import java.util.Map;

/**
 * One dataset row as read, before an experiment's defaults are merged in.
 *
 * @param transform a promptfoo {@code options.transform} for every assertion of the row, or null
 * @param at        {@code file:line}
 */
public record CaseRow(String description, Map<String, Object> vars, String expected, List<AssertionSpec> assertions,
               Double threshold, String transform, String at) { }
