package dev.cachet.engine.experiments.promptfoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.experiments.ExperimentPrompt;
import dev.cachet.engine.experiments.SiblingFiles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * promptfoo's {@code prompts:}: texts (Nunjucks), {@code {raw|id, label}} objects, {@code file://} text
 * files (several prompts split by lines of {@code ---}), JSON or YAML chat prompts, JSONL (a prompt a
 * line). Prompts written as code (.js, .py) are reported by name and left out.
 */
final class PromptList {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Files files;
    private final ProblemList problems;
    private final List<ExperimentPrompt> out = new ArrayList<>();

    PromptList(Files files, ProblemList problems) {
        this.files = files;
        this.problems = problems;
    }

    List<ExperimentPrompt> read(YamlNode node) {
        if (node == null) return out;
        List<YamlNode> items = node instanceof YamlNode.Sequence s ? s.items() : List.of(node);
        for (YamlNode item : items) {
            switch (item) {
                case YamlNode.Scalar s when s.value() instanceof String text -> text(text, null, item.at());
                case YamlNode.Mapping m -> object(new FieldReader(m, "prompts", problems), item.at());
                default -> problems.error(item.at(), "prompts: expected a prompt text, file:// or {raw, label}, found " + item.kind());
            }
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < out.size(); i++) {
            ExperimentPrompt p = out.get(i);
            if (!seen.add(p.label())) out.set(i, new ExperimentPrompt(p.label() + " (" + (i + 1) + ")", null, null, p.messages()));
        }
        return out;
    }

    private void object(FieldReader p, Location at) {
        String label = p.text("label");
        String raw = p.has("raw") ? p.text("raw") : p.text("id");
        if (raw == null) {
            problems.error(at, "prompts: an object needs 'raw' (the text) or 'id' (a file://)");
            return;
        }
        text(raw, label, at);
    }

    private void text(String text, String label, Location at) {
        if (!Files.isReference(text)) {
            add(label != null ? label : "prompt " + (out.size() + 1), text);
            return;
        }
        String ext = extension(Files.path(text));
        if (List.of("js", "cjs", "mjs", "ts", "py", "rb", "sh").contains(ext)) {
            problems.warning(at, text + ": a prompt written as code needs its own runtime (" + ext + "); it is left out");
            return;
        }
        for (SiblingFiles.Read f : files.read(text, at)) file(f, label, at);
    }

    private void file(SiblingFiles.Read f, String label, Location at) {
        String name = f.name().replace('\\', '/');
        String shortName = name.substring(name.lastIndexOf('/') + 1);
        String ext = extension(name);
        switch (ext) {
            case "json" -> {
                String t = f.text().strip();
                add(label != null ? label : shortName, t); // a chat prompt: a JSON list of {role, content}
            }
            case "jsonl" -> {
                int n = 0;
                for (String line : f.text().split("\r?\n")) if (!line.isBlank()) add(name(label, shortName, ++n), line.strip());
            }
            case "yaml", "yml" -> add(label != null ? label : shortName, yamlChat(f, at));
            default -> { // .txt, .md, .j2 and anything else: text, several prompts split by lines of ---
                var parts = split(f.text());
                for (int i = 0; i < parts.size(); i++) add(parts.size() == 1 ? (label != null ? label : shortName) : name(label, shortName, i + 1), parts.get(i));
            }
        }
    }

    private String yamlChat(SiblingFiles.Read f, Location at) {
        try {
            JsonNode node = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(f.text());
            return node != null && node.isTextual() ? node.asText() : JSON.writeValueAsString(node);
        } catch (java.io.IOException e) {
            problems.error(at, f.name() + ": not YAML: " + e.getMessage());
            return "";
        }
    }

    private static String name(String label, String file, int n) { return (label != null ? label : file) + "#" + n; }

    /** promptfoo's text prompt files: a line holding only {@code ---} separates prompts; each is trimmed; empty ones go. */
    static List<String> split(String text) {
        var parts = new ArrayList<String>();
        var buffer = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.strip().equals("---")) {
                flush(buffer, parts);
            } else {
                if (!buffer.isEmpty()) buffer.append('\n');
                buffer.append(line);
            }
        }
        flush(buffer, parts);
        return parts;
    }

    private static void flush(StringBuilder buffer, List<String> parts) {
        String raw = buffer.toString().strip();
        if (!raw.isEmpty()) parts.add(raw);
        buffer.setLength(0);
    }

    private void add(String label, String text) {
        if (text.isBlank()) return;
        out.add(ExperimentPrompt.ofText(label, text));
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
