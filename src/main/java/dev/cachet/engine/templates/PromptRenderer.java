package dev.cachet.engine.templates;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.tree.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja rendering through HubSpot's jinjava: {@code {{ var }}}, {@code {% if %}}, {@code {% for %}},
 * filters, no HTML escaping (prompts are not HTML). Blocks are trimmed as in Hugging Face chat
 * templates ({@code trim_blocks}, {@code lstrip_blocks}), so a {@code {% for %}} line leaves no blank
 * line behind. Texts are parsed once ({@link #compile}) and rendered many times from the tree.
 * Custom filters (the experiments' promptfoo filters, say) are added with {@link #registerFilter}.
 */
public final class PromptRenderer {

    /** A runaway loop stops here instead of filling the heap. */
    static final long MAX_OUTPUT_CHARS = 1 << 20;

    private static final Pattern UNKNOWN_TOKEN = Pattern.compile("Unknown token found: (.+?)\\s*$");

    private final JinjavaConfig lenient;
    private final JinjavaConfig strict;
    private final java.util.List<Filter> filters = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Made on first use: its start-up (~0.5 s cold) is no part of opening the engine. */
    private volatile Jinjava jinjava;

    public PromptRenderer() {
        lenient = config(false);
        strict = config(true);
    }

    private Jinjava jinjava() {
        Jinjava j = jinjava;
        if (j == null) {
            synchronized (this) {
                j = jinjava;
                if (j == null) {
                    j = new Jinjava(lenient);
                    for (Filter f : filters) j.registerFilter(f);
                    jinjava = j;
                }
            }
        }
        return j;
    }

    private static JinjavaConfig config(boolean failOnUnknown) {
        return JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).withMaxOutputSize(MAX_OUTPUT_CHARS)
                .withFailOnUnknownTokens(failOnUnknown).build();
    }

    /** Adds a filter every template can use, e.g. {@code {{ text | my_filter }}}. */
    public synchronized void registerFilter(Filter filter) {
        filters.add(filter);
        if (jinjava != null) jinjava.registerFilter(filter);
    }

    /**
     * A problem in a text, at its 1-based line and column within that text.
     *
     * @param unknownName for a name that was not bound ({@code x}, {@code item.url}), that name; else null
     */
    public record Issue(int line, int column, String message, String unknownName) {
        Issue(int line, int column, String message) { this(line, column, message, null); }
    }

    public record Compiled(Node root, List<Issue> errors, List<Issue> warnings) { }

    public Compiled compile(String text) {
        // Not jinjava.newInterpreter(): that copies every filter, tag and function into a new context each time.
        Jinjava j = jinjava();
        var interpreter = new JinjavaInterpreter(j, new Context(j.getGlobalContext(), Map.of()), lenient);
        Node root = interpreter.parse(text);
        var errors = new ArrayList<Issue>();
        var warnings = new ArrayList<Issue>();
        for (TemplateError e : interpreter.getErrors()) {
            (e.getSeverity() == TemplateError.ErrorType.FATAL ? errors : warnings).add(issue(e));
        }
        return new Compiled(root, errors, warnings);
    }

    /** Renders a compiled text; undefined names render empty. */
    public String render(Node root, Map<String, Object> bindings) throws RenderException {
        return scope(bindings).render(root);
    }

    /**
     * One set of bindings for several texts (the messages of one request): one interpreter and context
     * for all of them instead of one each, which is most of what a small text costs to render.
     */
    public Scope scope(Map<String, Object> bindings) { return new Scope(bindings, lenient); }

    /**
     * Renders with every name required to be bound: the fatal problems, e.g. a variable used but not
     * declared. Empty when the text renders cleanly.
     */
    public List<Issue> check(Node root, Map<String, Object> bindings) {
        try {
            new Scope(bindings, strict).render(root);
            return List.of();
        } catch (RenderException e) {
            return e.issues();
        }
    }

    /** Texts rendered with the same bindings; not shared between threads. */
    public final class Scope {
        private final JinjavaInterpreter interpreter;
        private int errorsSeen;

        private Scope(Map<String, Object> bindings, JinjavaConfig config) {
            Jinjava j = jinjava();
            interpreter = new JinjavaInterpreter(j, new Context(j.getGlobalContext(), bindings), config);
        }

        public String render(Node root) throws RenderException {
            JinjavaInterpreter.pushCurrent(interpreter);
            String out;
            try {
                out = interpreter.render(root);
            } catch (InterpretException e) {
                throw new RenderException(List.of(issue(e.getLineNumber(), e.getStartPosition(), e.getMessage())));
            } catch (RuntimeException e) {
                throw new RenderException(List.of(new Issue(1, 1, e.toString())));
            } finally {
                JinjavaInterpreter.popCurrent();
            }
            List<TemplateError> errors = interpreter.getErrors();
            var fatal = errors.subList(errorsSeen, errors.size()).stream()
                    .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).map(PromptRenderer.this::issue).toList();
            errorsSeen = errors.size();
            if (!fatal.isEmpty()) throw new RenderException(fatal);
            return out;
        }
    }

    private Issue issue(TemplateError e) {
        return issue(e.getLineno(), e.getStartPosition(), e.getMessage() == null ? e.getReason().toString() : e.getMessage());
    }

    private Issue issue(int line, int column, String text) {
        String message = text == null ? "render failed" : text;
        Matcher m = UNKNOWN_TOKEN.matcher(message);
        String unknown = m.find() ? m.group(1) : null;
        String filter = unknown == null ? null : unknownFilter(unknown);
        if (filter != null) {
            message = "uses the filter '" + filter + "', which does not exist (a custom filter must be registered before templates load)";
            unknown = null;
        } else if (unknown == null) {
            message = message.replaceFirst("^[A-Za-z]+Exception: ", "");
        } else {
            message = "uses '" + unknown + "', which is not bound";
        }
        return new Issue(Math.max(1, line), Math.max(1, column), message, unknown);
    }

    /** In {@code name | f(x) | g}, the first filter jinjava does not know, or null. */
    private String unknownFilter(String expression) {
        String[] parts = expression.split("\\|");
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i].strip().replaceFirst("\\(.*$", "").strip();
            if (!name.isEmpty() && jinjava().getGlobalContext().getFilter(name) == null) return name;
        }
        return null;
    }

    /** Rendering failed; each issue has its place in the text. */
    public static final class RenderException extends Exception {
        private final List<Issue> issues;

        public RenderException(List<Issue> issues) {
            super(issues.isEmpty() ? "render failed" : issues.getFirst().message(), null, false, false);
            this.issues = List.copyOf(issues);
        }

        public List<Issue> issues() { return issues; }
    }
}
