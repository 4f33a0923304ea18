package dev.cachet.engine.experiments.promptfoo;

import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.definitions.YamlText;
import dev.cachet.engine.experiments.AssertionReader;
import dev.cachet.engine.experiments.AssertionSpec;
import dev.cachet.engine.experiments.CaseRow;
import dev.cachet.engine.experiments.Cases;
import dev.cachet.engine.experiments.DatasetReader;
import dev.cachet.engine.experiments.ModelTarget;
import dev.cachet.engine.experiments.SiblingFiles;
import dev.cachet.engine.experiments.TestCase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * promptfoo's tests: inline, or {@code file://} YAML, JSON, JSONL and CSV files; {@code scenarios}
 * (every config row with every test); {@code defaultTest}; variables given as lists expanded into every
 * combination, as promptfoo does; {@code file://} variables loaded (text, or YAML/JSON parsed).
 */
final class TestList {

    /** A test as read: its row, and where it came from. */
    record Test(CaseRow row) { }

    private final Files files;
    private final ProblemList problems;
    private final AssertionReader assertions;
    private final Map<String, YamlNode> templates;

    TestList(Files files, ProblemList problems, AssertionReader assertions, Map<String, YamlNode> templates) {
        this.files = files;
        this.problems = problems;
        this.assertions = assertions;
        this.templates = templates;
    }

    List<Test> read(YamlNode node, String path) {
        var out = new ArrayList<Test>();
        if (node == null) return out;
        List<YamlNode> items = node instanceof YamlNode.Sequence s ? s.items() : List.of(node);
        var inline = new DatasetReader(problems, assertions, true);
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            if (item instanceof YamlNode.Scalar s && Files.isReference(s.value())) {
                for (SiblingFiles.Read f : files.read((String) s.value(), item.at())) {
                    var found = new ArrayList<Problem>();
                    for (CaseRow r : DatasetReader.file(f.name(), f.text(), true, found, templates)) out.add(new Test(r));
                    for (Problem p : found) {
                        if (p.isError()) problems.error(item.at(), p.located()); else problems.warning(item.at(), p.located());
                    }
                }
            } else {
                for (CaseRow r : inline.rows(new YamlNode.Sequence(item.at(), List.of(item)), path + "[" + i + "]")) out.add(new Test(r));
            }
        }
        return out;
    }

    /** {@code scenarios: [{config: [{vars}...], tests: [...]}]}: every config row with every test, vars merged. */
    List<Test> scenarios(YamlNode node) {
        var out = new ArrayList<Test>();
        if (!(node instanceof YamlNode.Sequence seq)) {
            if (node != null) problems.error(node.at(), "scenarios: expected a list of {config, tests}");
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            if (!(seq.items().get(i) instanceof YamlNode.Mapping m)) continue;
            var f = new FieldReader(m, "scenarios[" + i + "]", problems);
            List<Test> configs = read(f.node("config"), "scenarios[" + i + "].config");
            List<Test> tests = read(f.node("tests"), "scenarios[" + i + "].tests");
            if (configs.isEmpty()) configs = List.of(new Test(new CaseRow(null, Map.of(), null, List.of(), null, null, problems.source())));
            for (Test c : configs) {
                for (Test t : tests) {
                    var vars = new LinkedHashMap<String, Object>(c.row().vars());
                    vars.putAll(t.row().vars());
                    var asserts = new ArrayList<AssertionSpec>(t.row().assertions());
                    asserts.addAll(c.row().assertions());
                    String description = t.row().description() != null ? t.row().description() : c.row().description();
                    out.add(new Test(new CaseRow(description, vars, t.row().expected(), asserts,
                            t.row().threshold() != null ? t.row().threshold() : c.row().threshold(),
                            t.row().transform() != null ? t.row().transform() : c.row().transform(), t.row().at())));
                }
            }
        }
        return out;
    }

    PromptfooReader.DefaultTest defaults(YamlNode node) {
        if (node == null) return PromptfooReader.DefaultTest.NONE;
        if (node instanceof YamlNode.Scalar s && Files.isReference(s.value())) {
            for (SiblingFiles.Read f : files.read((String) s.value(), node.at())) {
                var p = new ProblemList(f.name());
                YamlNode root = YamlText.parseCore(f.text(), p);
                for (Problem pr : p.list()) if (pr.isError()) problems.error(node.at(), pr.located());
                if (root != null) return defaults(root);
            }
            return PromptfooReader.DefaultTest.NONE;
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.error(node.at(), "defaultTest: expected a mapping (vars, assert, options, threshold)");
            return PromptfooReader.DefaultTest.NONE;
        }
        var f = new FieldReader(m, "defaultTest", problems);
        var vars = new LinkedHashMap<String, Object>();
        FieldReader v = f.mapping("vars");
        if (v != null) v.mapping().fields().forEach((k, fld) -> vars.put(k, YamlText.plain(fld.value())));
        String transform = null;
        ModelTarget judge = null;
        FieldReader options = f.mapping("options");
        if (options != null) {
            transform = options.text("transform");
            if (options.node("provider") instanceof YamlNode.Scalar ps && ps.value() instanceof String pid) {
                judge = ProviderList.map(pid);
                if (judge == null) options.warning("provider", "grading provider '" + pid + "' is not one Cachet talks to; the judge is the experiment's first model");
            }
        }
        return new PromptfooReader.DefaultTest(vars, assertions.list(f.node("assert"), "defaultTest.assert"),
                f.number("threshold", 0, 1), transform, judge);
    }

    /** The tests as cases: defaults merged, list-valued variables expanded, file variables loaded. */
    List<TestCase> cases(List<Test> tests, PromptfooReader.DefaultTest defaults) {
        var rows = new ArrayList<CaseRow>();
        for (Test t : tests) {
            var merged = new LinkedHashMap<String, Object>(defaults.vars());
            merged.putAll(t.row().vars());
            for (Map<String, Object> combination : combinations(merged)) {
                rows.add(new CaseRow(t.row().description(), loadFiles(combination), t.row().expected(), t.row().assertions(),
                        t.row().threshold(), t.row().transform(), t.row().at()));
            }
        }
        return Cases.merge(rows, Map.of(), defaults.assertions(), defaults.threshold(), defaults.transform(), problems);
    }

    /** promptfoo runs a test once per combination of its list-valued variables. */
    static List<Map<String, Object>> combinations(Map<String, Object> vars) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (var e : vars.entrySet()) {
            List<?> values = e.getValue() instanceof List<?> l && !l.isEmpty() ? l : List.of(e.getValue() == null ? "" : e.getValue());
            var next = new ArrayList<Map<String, Object>>();
            for (Map<String, Object> partial : out) {
                for (Object v : values) {
                    var m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private Map<String, Object> loadFiles(Map<String, Object> vars) {
        var out = new LinkedHashMap<String, Object>();
        for (var e : vars.entrySet()) {
            Object v = e.getValue();
            if (Files.isReference(v)) {
                String path = Files.path((String) v).toLowerCase(Locale.ROOT);
                if (path.endsWith(".txt") || path.endsWith(".md") || path.endsWith(".yaml") || path.endsWith(".yml") || path.endsWith(".json")) {
                    var read = files.read((String) v, Location.START);
                    if (!read.isEmpty()) v = parsed(read.getFirst());
                } else {
                    problems.warning(Location.START, "variable '" + e.getKey() + "' = " + v + ": Cachet loads text, YAML and JSON files only; "
                            + "the reference is passed as it is");
                }
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    private Object parsed(SiblingFiles.Read f) {
        String n = f.name().toLowerCase(Locale.ROOT);
        if (!(n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"))) return f.text();
        var p = new ProblemList(f.name());
        YamlNode root = YamlText.parseCore(f.text(), p);
        return root == null ? f.text() : YamlText.plain(root);
    }
}
