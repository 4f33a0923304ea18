package dev.cachet.engine.routing.eval;

import java.util.List;
import java.util.Map;

/**
 * One evaluation line: the message, its gold route (after the label map), and the schema that stands
 * for the connected database on this line (null = the configured one).
 *
 * @param line 1-based line number in the file
 */
public record LabelledLine(int line, String text, String rawLabel, String route, Map<String, List<String>> schema) { }
