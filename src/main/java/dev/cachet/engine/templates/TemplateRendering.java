package dev.cachet.engine.templates;

import dev.cachet.engine.chat.ChatMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Renders a template for one request: picks the variant, checks and converts the variables against
 * their declarations (a missing required variable is an error naming it, the template and its file;
 * one the template does not declare is a warning), renders each message.
 */
final class TemplateRendering {

    private final PromptRenderer renderer;

    TemplateRendering(PromptRenderer renderer) { this.renderer = renderer; }

    RenderedPrompt render(PromptTemplate t, String source, String variant, String sessionId, Map<String, Object> given)
            throws TemplateException {
        String reason;
        String chosen;
        if (variant != null) {
            chosen = variant;
            reason = "asked for";
        } else if (!t.split().isEmpty() && sessionId != null) {
            chosen = assign(t, sessionId);
            reason = "split " + t.split() + ", sticky for the session";
        } else {
            chosen = t.variantNames().getFirst();
            reason = t.variants().isEmpty() ? "the only one"
                    : "the first: none asked for" + (t.split().isEmpty() ? "" : ", no session to split by");
        }
        PromptTemplate.Resolved v = t.resolve(chosen).orElseThrow(() -> new TemplateException("template '" + t.id() + "' ("
                + source + ") has no variant '" + chosen + "' (variants: " + String.join(", ", t.variantNames()) + ")"));
        var warnings = new ArrayList<String>();
        PromptRenderer.Scope scope = renderer.scope(bindings(t, source, given, warnings));
        var leading = new ArrayList<ChatMessage>();
        if (v.messages().system() != null) {
            String system = render(t, source, v.messages().system(), scope);
            if (!system.isBlank()) leading.add(ChatMessage.system(system));
        }
        for (var e : v.messages().examplesOrEmpty()) {
            leading.add(ChatMessage.user(render(t, source, e.user(), scope)));
            leading.add(ChatMessage.assistant(render(t, source, e.assistant(), scope)));
        }
        ChatMessage user = ChatMessage.user(render(t, source, v.messages().user(), scope));
        return new RenderedPrompt(t, v.variant(), reason, leading, user, v.params(), v.model(), warnings, source);
    }

    private Map<String, Object> bindings(PromptTemplate t, String source, Map<String, Object> given, List<String> warnings)
            throws TemplateException {
        var out = new HashMap<String, Object>();
        var missing = new ArrayList<String>();
        for (Variable v : t.variables().values()) {
            Object value = given.get(v.name());
            if (value == null) {
                if (v.defaultValue() != null) value = v.defaultValue();
                else if (v.required()) {
                    missing.add(v.name());
                    continue;
                } else value = v.type().empty();
            } else {
                try {
                    value = v.type().coerce(value);
                } catch (IllegalArgumentException e) {
                    throw new TemplateException("variable '" + v.name() + "' of template '" + t.id() + "' (" + source + "): "
                            + e.getMessage());
                }
            }
            out.put(v.name(), value);
        }
        if (!missing.isEmpty()) {
            throw new TemplateException("missing required variable" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList()) + " for template '" + t.id() + "' ("
                    + source + ")");
        }
        for (String name : given.keySet()) {
            if (!t.variables().containsKey(name)) {
                warnings.add("variable '" + name + "' is not declared by template '" + t.id() + "' and was ignored"
                        + dev.cachet.engine.definitions.ClosestName.to(name, t.variables().keySet()).map(c -> " (did you mean '" + c + "'?)").orElse(""));
            }
        }
        return out;
    }

    private static String render(PromptTemplate t, String source, TemplateText text, PromptRenderer.Scope scope) throws TemplateException {
        // A YAML block ends in a newline; nothing a model should see.
        if (text.plain()) return text.source().strip();
        try {
            return scope.render(text.compiled()).strip();
        } catch (PromptRenderer.RenderException e) {
            var issue = e.issues().getFirst();
            throw new TemplateException("template '" + t.id() + "' (" + source + "), " + text.field() + " line " + issue.line()
                    + ": " + issue.message());
        }
    }

    /** The session's variant: a stable hash of session and template, placed on the cumulative weights. */
    static String assign(PromptTemplate t, String sessionId) {
        var crc = new CRC32C();
        crc.update((t.id() + "\u0000" + sessionId).getBytes(StandardCharsets.UTF_8));
        double total = t.split().values().stream().mapToDouble(Double::doubleValue).sum();
        double point = crc.getValue() / (double) (1L << 32) * total;
        String last = null;
        double acc = 0;
        for (var e : t.split().entrySet()) {
            if (e.getValue() <= 0) continue;
            acc += e.getValue();
            last = e.getKey();
            if (point < acc) return e.getKey();
        }
        return last;
    }
}
