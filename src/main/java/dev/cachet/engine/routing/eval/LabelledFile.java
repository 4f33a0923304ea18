package dev.cachet.engine.routing.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads labelled routing data (JSONL): a text field, a label field, optionally a {@code schema} (or
 * {@code tables}) object of table → [columns]. Labels go through a label map (label → route;
 * {@code "*"} for every other label; a label that maps to nothing is left out of the run).
 */
public final class LabelledFile {

    /** Which lines of the file to use: tune on one half, report on the other. */
    public enum Split { ALL, EVEN, ODD;
        public static Split parse(String s) {
            return switch (s) {
                case "all" -> ALL;
                case "even" -> EVEN;
                case "odd" -> ODD;
                default -> throw new IllegalArgumentException("--split must be all, even or odd, was " + s);
            };
        }
        boolean keeps(int zeroBasedIndex) {
            return switch (this) {
                case ALL -> true;
                case EVEN -> zeroBasedIndex % 2 == 0;
                case ODD -> zeroBasedIndex % 2 == 1;
            };
        }
    }

    /** What was read: the lines kept, and how many the label map left out. */
    public record Read(List<LabelledLine> lines, int unmapped) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEXT_FIELDS = List.of("text", "question", "prompt", "query");
    private static final List<String> LABEL_FIELDS = List.of("label", "route");
    private static final List<String> SCHEMA_FIELDS = List.of("schema", "tables");

    /**
     * @param textField  null = the first of text, question, prompt, query that a line has
     * @param labelField null = label or route
     * @param labels     label → route; null = the label is the route
     */
    public static Read read(Path file, String textField, String labelField, Map<String, String> labels, Split split)
            throws IOException {
        var out = new ArrayList<LabelledLine>();
        int unmapped = 0;
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        int index = -1;
        for (int n = 1; n <= all.size(); n++) {
            String raw = all.get(n - 1);
            if (raw.isBlank()) continue;
            index++;
            if (!split.keeps(index)) continue;
            JsonNode node;
            try {
                node = JSON.readTree(raw);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + ":" + n + ":" + e.getLocation().getColumnNr() + ": not JSON: " + e.getOriginalMessage());
            }
            String text = field(node, textField, TEXT_FIELDS, file, n, "text");
            String label = field(node, labelField, LABEL_FIELDS, file, n, "label");
            String route = labels == null ? label : labels.getOrDefault(label, labels.get("*"));
            if (route == null) {
                unmapped++;
                continue;
            }
            out.add(new LabelledLine(n, text, label, route, schema(node, file, n)));
        }
        if (out.isEmpty()) throw new IllegalArgumentException(file + ": no labelled lines (check --text-field, --label-field and --labels)");
        return new Read(out, unmapped);
    }

    /** A label map file: YAML or JSON mapping label → route. */
    public static Map<String, String> labels(Path file) throws IOException {
        var yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        JsonNode node;
        try {
            node = yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException(file + ": must map labels to routes ({label: route})");
        var m = new LinkedHashMap<String, String>();
        for (var e : node.properties()) {
            if (!e.getValue().isTextual()) throw new IllegalArgumentException(file + ": label '" + e.getKey() + "' must map to a route name");
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    private static String field(JsonNode node, String wanted, List<String> defaults, Path file, int n, String what) {
        if (wanted != null) {
            JsonNode v = node.get(wanted);
            if (v == null || !v.isValueNode()) throw new IllegalArgumentException(file + ":" + n + ": no " + what + " field '" + wanted + "'");
            return v.asText();
        }
        for (String f : defaults) if (node.hasNonNull(f) && node.get(f).isValueNode()) return node.get(f).asText();
        throw new IllegalArgumentException(file + ":" + n + ": no " + what + " field (tried " + String.join(", ", defaults)
                + "; name one with --" + what + "-field)");
    }

    private static Map<String, List<String>> schema(JsonNode node, Path file, int n) {
        for (String f : SCHEMA_FIELDS) {
            JsonNode s = node.get(f);
            if (s == null || s.isNull()) continue;
            if (!s.isObject()) throw new IllegalArgumentException(file + ":" + n + ": '" + f + "' must map table names to column lists");
            var m = new LinkedHashMap<String, List<String>>();
            for (var e : s.properties()) {
                var cols = new ArrayList<String>();
                if (e.getValue().isArray()) for (JsonNode c : e.getValue()) cols.add(c.asText());
                m.put(e.getKey(), List.copyOf(cols));
            }
            return m;
        }
        return null;
    }
}
