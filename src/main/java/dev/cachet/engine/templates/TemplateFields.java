package dev.cachet.engine.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.definitions.YamlText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the parts of a template file: variables, params, cache, messages. Problems go to the reader's list. */
final class TemplateFields {

    static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PromptRenderer renderer;
    private final TextPlaces places;
    private final ProblemList problems;

    TemplateFields(PromptRenderer renderer, TextPlaces places, ProblemList problems) {
        this.renderer = renderer;
        this.places = places;
        this.problems = problems;
    }

    Map<String, Variable> variables(FieldReader vars) {
        var out = new LinkedHashMap<String, Variable>();
        if (vars == null) return out;
        for (YamlNode.Field field : vars.mapping().fields().values()) {
            String name = field.key();
            if (!VARIABLE_NAME.matcher(name).matches()) {
                problems.error(field.keyAt(), "variable name '" + name + "' must be letters, digits and _ (not starting with a digit)");
                continue;
            }
            Variable v = variable(vars, name, field.value());
            if (v != null) out.put(name, v);
        }
        return out;
    }

    private Variable variable(FieldReader vars, String name, YamlNode node) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String typeName) { // shorthand: "question: string"
            VariableType type = type(typeName, s.at(), vars.path(name));
            return type == null ? null : new Variable(name, type, false, null, null, null);
        }
        if (node instanceof YamlNode.Scalar s && s.value() == null) return new Variable(name, VariableType.STRING, false, null, null, null);
        FieldReader v = vars.mapping(name);
        if (v == null) return null;
        v.only("type", "required", "default", "description", "example");
        String typeName = v.text("type");
        VariableType type = typeName == null ? VariableType.STRING : type(typeName, v.at("type"), v.path("type"));
        if (type == null) return null;
        Boolean required = v.bool("required");
        Object def = value(v, "default", type);
        Object example = value(v, "example", type);
        if (Boolean.TRUE.equals(required) && def != null) {
            v.warning("default", "a required variable never uses its default; drop one of them");
        }
        return new Variable(name, type, Boolean.TRUE.equals(required), def, v.text("description"), example);
    }

    private VariableType type(String name, Location at, String path) {
        var t = VariableType.parse(name);
        if (t.isEmpty()) problems.error(at, "field '" + path + "': unknown type '" + name + "' (types: " + VariableType.names() + ")");
        return t.orElse(null);
    }

    private Object value(FieldReader v, String key, VariableType type) {
        YamlNode node = v.node(key);
        if (node == null) return null;
        Object value = YamlText.plain(node);
        if (value == null) return null;
        if (type.accepts(value)) return value;
        v.error(key, "expected " + type.article() + " (the variable's type is " + type.yamlName() + "), found " + node.kind());
        return null;
    }

    TemplateParams params(FieldReader p) {
        if (p == null) return TemplateParams.NONE;
        p.only("temperature", "max_tokens", "top_p", "stop", "response_format");
        Double topP = p.number("top_p", 0, 1);
        if (topP != null && topP == 0) {
            p.error("top_p", "must be above 0");
            topP = null;
        }
        return new TemplateParams(p.number("temperature", 0, 2), p.integer("max_tokens", 1, 10_000_000), topP, p.texts("stop"),
                responseFormat(p));
    }

    private String responseFormat(FieldReader p) {
        YamlNode node = p.node("response_format");
        if (node == null || node instanceof YamlNode.Scalar s && s.value() == null) return null;
        if (node instanceof YamlNode.Mapping) {
            try {
                return JSON.writeValueAsString(YamlText.plain(node));
            } catch (JsonProcessingException e) {
                p.error("response_format", "cannot be written as JSON: " + e.getOriginalMessage());
                return null;
            }
        }
        String text = p.text("response_format");
        if (text == null) return null;
        if (!text.equals("text") && !text.equals("json_object")) {
            p.error("response_format", "expected text, json_object, or a mapping (a JSON schema), found '" + text + "'");
            return null;
        }
        return text;
    }

    TemplateCache cache(FieldReader c) {
        if (c == null) return TemplateCache.NONE;
        c.only("exact", "semantic", "semantic_threshold", "ttl");
        Double threshold = c.number("semantic_threshold", 0, 1);
        if (threshold != null && threshold == 0) {
            c.error("semantic_threshold", "must be above 0");
            threshold = null;
        }
        var ttl = c.duration("ttl");
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            c.error("ttl", "must be longer than 0 (use exact: false to not cache)");
            ttl = null;
        }
        return new TemplateCache(c.bool("exact"), c.bool("semantic"), threshold, ttl);
    }

    MessageParts messages(FieldReader m) {
        if (m == null) return MessageParts.NONE;
        m.only("system", "examples", "user");
        return new MessageParts(text(m, "system"), examples(m), text(m, "user"));
    }

    private List<MessageParts.Example> examples(FieldReader m) {
        YamlNode node = m.node("examples");
        if (node == null || node instanceof YamlNode.Scalar s && s.value() == null) return null;
        if (!(node instanceof YamlNode.Sequence seq)) {
            m.error("examples", "expected a list of {user, assistant} turns, found " + node.kind());
            return null;
        }
        var out = new ArrayList<MessageParts.Example>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String path = m.path("examples") + "[" + i + "]";
            if (!(item instanceof YamlNode.Mapping im)) {
                problems.error(item.at(), "field '" + path + "': expected {user: ..., assistant: ...}, found " + item.kind());
                continue;
            }
            var turn = new FieldReader(im, path, problems);
            turn.only("user", "assistant");
            TemplateText user = requiredText(turn, "user");
            TemplateText assistant = requiredText(turn, "assistant");
            if (user != null && assistant != null) out.add(new MessageParts.Example(user, assistant));
        }
        return out;
    }

    private TemplateText requiredText(FieldReader r, String key) {
        if (r.requiredText(key) == null) return null;
        return text(r, key);
    }

    /** A message text, compiled; Jinja syntax errors are reported at their place in the file. */
    TemplateText text(FieldReader r, String key) {
        String source = r.text(key);
        if (source == null) return null;
        YamlNode.Scalar node = (YamlNode.Scalar) r.node(key);
        PromptRenderer.Compiled compiled = renderer.compile(source);
        var text = new TemplateText(r.path(key), source, node.at(), node.block(), compiled.root());
        for (var issue : compiled.errors()) {
            problems.error(places.locate(text, issue.line(), issue.column()), "in " + text.field() + ": " + issue.message());
        }
        for (var issue : compiled.warnings()) {
            problems.warning(places.locate(text, issue.line(), issue.column()), "in " + text.field() + ": " + issue.message());
        }
        return text;
    }

    String model(FieldReader r) {
        String model = r.text("model");
        if (model == null) return null;
        int slash = model.indexOf('/');
        if (slash <= 0 || slash == model.length() - 1) {
            r.error("model", "expected provider/model (e.g. openai/gpt-4o-mini or simulator/sim-small), found '" + model + "'");
            return null;
        }
        return model;
    }
}
