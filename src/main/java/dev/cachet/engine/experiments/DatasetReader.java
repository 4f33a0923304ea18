package dev.cachet.engine.experiments;

import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.definitions.YamlText;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads dataset rows: inline YAML, or a JSONL, CSV, YAML or JSON file. A row is a mapping with
 * {@code vars}, {@code expected}, {@code description}, {@code assert}, {@code threshold} (promptfoo's
 * test shape), or a flat mapping of variables. In CSV (and flat rows) a column is a variable, except
 * promptfoo's special ones: {@code __expected} (and {@code __expected1..N}: an assertion each, in the
 * {@code type:value} shorthand; plain text means equals), {@code __description}, {@code __threshold},
 * {@code __metric}. Problems name the file, line and column.
 */
public final class DatasetReader {

    private static final List<String> ROW_FIELDS = List.of("vars", "expected", "description", "assert", "threshold", "metadata", "options");

    private final ProblemList problems;
    private final AssertionReader assertions;
    private final boolean promptfoo;

    public DatasetReader(ProblemList problems, AssertionReader assertions, boolean promptfoo) {
        this.problems = problems;
        this.assertions = assertions;
        this.promptfoo = promptfoo;
    }

    /** Rows of an inline list. */
    public List<CaseRow> rows(YamlNode node, String path) {
        var out = new ArrayList<CaseRow>();
        if (!(node instanceof YamlNode.Sequence seq)) {
            problems.error(node.at(), path + ": expected a list of rows, found " + node.kind());
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            CaseRow r = row(seq.items().get(i), path + "[" + i + "]");
            if (r != null) out.add(r);
        }
        return out;
    }

    /** A file's rows, by its extension; {@code name} is how problems name the file. */
    public static List<CaseRow> file(String name, String text, boolean promptfoo, List<Problem> sink, java.util.Map<String, YamlNode> templates) {
        var problems = new ProblemList(name);
        var reader = new DatasetReader(problems, new AssertionReader(problems, promptfoo, templates), promptfoo);
        String lower = name.toLowerCase(Locale.ROOT);
        List<CaseRow> rows;
        if (lower.endsWith(".jsonl")) rows = reader.jsonl(text);
        else if (lower.endsWith(".csv")) rows = reader.csv(text);
        else if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
            YamlNode root = YamlText.parseCore(text, problems);
            rows = root == null ? List.of() : reader.rows(root, "rows");
        } else {
            problems.error(Location.START, "unknown dataset format: use .jsonl, .csv, .yaml, .yml or .json");
            rows = List.of();
        }
        sink.addAll(problems.list());
        return rows;
    }

    private List<CaseRow> jsonl(String text) {
        var out = new ArrayList<CaseRow>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            // Each line alone, its places moved to the line it stands on.
            var lineProblems = new ProblemList(problems.source());
            YamlNode node = YamlText.parseCore(lines[i], lineProblems);
            var lineReader = new DatasetReader(lineProblems, new AssertionReader(lineProblems, promptfoo, Map.of()), promptfoo);
            CaseRow r = node == null ? null : lineReader.row(shift(node, i), "line " + (i + 1));
            for (Problem p : lineProblems.list()) {
                Location at = node == null ? new Location(i + 1, p.at().column()) : p.at();
                if (p.isError()) problems.error(at, p.message()); else problems.warning(at, p.message());
            }
            if (r != null) out.add(r);
        }
        return out;
    }

    private List<CaseRow> csv(String text) {
        var out = new ArrayList<CaseRow>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(false).get()).get()) {
            List<String> header = parser.getHeaderNames();
            var starts = new ArrayList<Integer>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
            for (CSVRecord record : parser) {
                int found = java.util.Collections.binarySearch(starts, (int) record.getCharacterPosition());
                int line = found >= 0 ? found + 1 : -found - 1;
                if (record.size() != header.size()) {
                    problems.error(new Location(line, 1), "this row has " + record.size() + " columns, the header " + header.size());
                    continue;
                }
                var flat = new LinkedHashMap<String, Object>();
                for (int c = 0; c < header.size(); c++) flat.put(header.get(c), record.get(c));
                out.add(flat(flat, new Location(line, 1)));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.error(Location.START, "CSV: " + e.getMessage());
        }
        return out;
    }

    private CaseRow row(YamlNode node, String path) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.error(node.at(), path + ": expected a row (a mapping of variables, or vars/expected/assert), found " + node.kind());
            return null;
        }
        boolean structured = m.fields().keySet().stream().anyMatch(k -> k.equals("vars") || k.equals("assert") || k.equals("expected"));
        if (!structured) {
            var flat = new LinkedHashMap<String, Object>();
            m.fields().forEach((k, f) -> flat.put(k, YamlText.plain(f.value())));
            return flat(flat, node.at());
        }
        var f = new FieldReader(m, path, problems);
        if (promptfoo) {
            for (var field : m.fields().values()) {
                if (!ROW_FIELDS.contains(field.key()) && !List.of("providers", "provider", "prompts", "providerOutput").contains(field.key())) {
                    problems.warning(field.keyAt(), path + ": '" + field.key() + "' is not used by Cachet and was ignored");
                }
            }
        } else {
            f.only("vars", "expected", "description", "assert", "threshold");
        }
        var vars = new LinkedHashMap<String, Object>();
        FieldReader v = f.mapping("vars");
        if (v != null) v.mapping().fields().forEach((k, field) -> vars.put(k, YamlText.plain(field.value())));
        String expected = expected(f);
        String transform = null;
        FieldReader options = promptfoo ? f.mapping("options") : null;
        if (options != null) {
            transform = options.text("transform");
            for (var field : options.mapping().fields().values()) {
                if (!field.key().equals("transform") && !field.key().equals("provider")) {
                    problems.warning(field.keyAt(), path + ".options: '" + field.key() + "' is not used by Cachet and was ignored");
                }
            }
        }
        return new CaseRow(f.text("description"), vars, expected, assertions.list(f.node("assert"), path(path, "assert")),
                f.number("threshold", 0, 1), transform, problems.source() + ":" + node.at().line());
    }

    private static String expected(FieldReader f) {
        YamlNode n = f.node("expected");
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) return null;
        if (n instanceof YamlNode.Scalar s) return String.valueOf(s.value());
        return YamlText.normalized(n); // a structured expected output compares as JSON
    }

    /** A flat row: columns are variables, promptfoo's {@code __} columns are not. */
    private CaseRow flat(Map<String, Object> columns, Location at) {
        var vars = new LinkedHashMap<String, Object>();
        var asserts = new ArrayList<AssertionSpec>();
        String description = null;
        Double threshold = null;
        String metric = null;
        for (var e : columns.entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : String.valueOf(e.getValue());
            if (key.startsWith("__expected")) {
                if (!value.isBlank()) {
                    AssertionSpec a = assertions.shorthand(value, at);
                    if (a != null) asserts.add(a);
                }
            } else if (key.equals("__description")) {
                description = value;
            } else if (key.equals("__threshold")) {
                try {
                    threshold = Double.valueOf(value.strip());
                } catch (NumberFormatException ex) {
                    problems.error(at, "__threshold: expected a number, found '" + value + "'");
                }
            } else if (key.equals("__metric")) {
                metric = value;
            } else if (key.startsWith("__")) {
                problems.warning(at, "column '" + key + "' is not used by Cachet and was ignored");
            } else {
                vars.put(key, e.getValue());
            }
        }
        if (metric != null) {
            String m = metric;
            asserts.replaceAll(a -> new AssertionSpec(a.type(), a.value(), a.threshold(), a.weight(), m, a.transform(), a.at()));
        }
        return new CaseRow(description, vars, null, asserts, threshold, null, problems.source() + ":" + at.line());
    }

    private static String path(String base, String key) { return base + "." + key; }

    /** The same tree with every place moved down {@code lines} lines (a JSONL line read alone). */
    private static YamlNode shift(YamlNode node, int lines) {
        if (lines == 0) return node;
        Location at = new Location(node.at().line() + lines, node.at().column());
        return switch (node) {
            case YamlNode.Mapping m -> {
                var fields = new LinkedHashMap<String, YamlNode.Field>();
                m.fields().forEach((k, f) -> fields.put(k, new YamlNode.Field(k,
                        new Location(f.keyAt().line() + lines, f.keyAt().column()), shift(f.value(), lines))));
                yield new YamlNode.Mapping(at, fields);
            }
            case YamlNode.Sequence s -> new YamlNode.Sequence(at, s.items().stream().map(i -> shift(i, lines)).toList());
            case YamlNode.Scalar s -> new YamlNode.Scalar(at, s.value(), s.block());
        };
    }
}
