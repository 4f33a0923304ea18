package dev.cachet.engine.templates;

import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.ProblemList;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What can only be checked on the whole template: every variant has a user message, every text
 * renders with the declared variables (a name used but not declared is an error at its place), and
 * a declared variable that no text mentions is worth a warning.
 */
final class TemplateChecks {

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final PromptRenderer renderer;
    private final TextPlaces places;
    private final ProblemList problems;

    TemplateChecks(PromptRenderer renderer, TextPlaces places, ProblemList problems) {
        this.renderer = renderer;
        this.places = places;
        this.problems = problems;
    }

    void check(PromptTemplate t, FieldReader root) {
        Map<String, Object> bindings = sampleBindings(t);
        Set<TemplateText> checked = Collections.newSetFromMap(new IdentityHashMap<>());
        var allTexts = new StringBuilder();
        for (String name : t.variantNames()) {
            PromptTemplate.Resolved v = t.resolve(name).orElseThrow();
            if (v.messages().user() == null) {
                problems.error(t.variants().isEmpty() ? root.at("messages") : root.mapping("variants").keyAt(name),
                        (t.variants().isEmpty() ? "the template" : "variant '" + name + "'")
                                + " has no user message: set messages.user" + (t.variants().isEmpty() ? "" : " in the template or the variant"));
            }
            for (TemplateText text : texts(v.messages())) {
                if (!checked.add(text)) continue;
                allTexts.append(text.source()).append('\n');
                for (var issue : renderer.check(text.compiled(), bindings)) {
                    String message = issue.message();
                    if (issue.unknownName() != null) {
                        String unbound = issue.unknownName().split("[.\\[]", 2)[0];
                        // item.url missing from an example, or a name the text binds itself ({% for %}, {% set %}): fine
                        if (t.variables().containsKey(unbound) || bindsItself(text.source(), unbound)) continue;
                        message = "uses '" + unbound + "', which is not declared under variables"
                                + dev.cachet.engine.definitions.ClosestName.to(unbound, t.variables().keySet())
                                        .map(c -> " (did you mean '" + c + "'?)").orElse("");
                    }
                    problems.error(places.locate(text, issue.line(), issue.column()), "in " + text.field() + ": " + message);
                }
            }
        }
        FieldReader vars = root.mapping("variables");
        var words = new java.util.HashSet<String>();
        var word = WORD.matcher(allTexts);
        while (word.find()) words.add(word.group());
        for (String name : t.variables().keySet()) {
            if (!words.contains(name) && vars != null) {
                problems.warning(vars.keyAt(name), "variable '" + name + "' is declared but no message uses it");
            }
        }
    }

    /** True when the text binds {@code name} itself: a loop variable, a {@code set}, a macro argument. */
    private static boolean bindsItself(String source, String name) {
        String n = Pattern.quote(name);
        return Pattern.compile("\\{%-?\\s*(for\\s+[^%]*\\b" + n + "\\b[^%]*\\bin\\b|set\\s+" + n + "\\b|macro\\s+\\w+\\([^)]*\\b" + n + "\\b)")
                .matcher(source).find();
    }

    private static java.util.List<TemplateText> texts(MessageParts m) {
        var out = new java.util.ArrayList<TemplateText>();
        if (m.system() != null) out.add(m.system());
        for (var e : m.examplesOrEmpty()) {
            out.add(e.user());
            out.add(e.assistant());
        }
        if (m.user() != null) out.add(m.user());
        return out;
    }

    /** Each variable bound to its example, else its default, else a value of its type. */
    private static Map<String, Object> sampleBindings(PromptTemplate t) {
        var out = new LinkedHashMap<String, Object>();
        t.variables().forEach((name, v) -> {
            Object value = v.example() != null ? v.example() : v.defaultValue() != null ? v.defaultValue() : v.type().sample();
            out.put(name, value);
        });
        return out;
    }
}
