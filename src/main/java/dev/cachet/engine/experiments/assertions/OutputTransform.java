package dev.cachet.engine.experiments.assertions;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * promptfoo's {@code transform} is JavaScript; Cachet runs no JavaScript, but reads the data-only
 * expressions suites write most: {@code JSON.parse(output)}, property paths ({@code output.countries},
 * {@code output["a"][0]}), {@code .trim()}, {@code .toLowerCase()}, {@code .toUpperCase()}, one step a line.
 * Anything else is not understood, and the assertions it feeds are reported as not run.
 */
public final class OutputTransform {

    private static final Pattern PARSE = Pattern.compile("^JSON\\.parse\\(\\s*output\\s*\\)");
    private static final Pattern PROPERTY = Pattern.compile("^\\.([A-Za-z_$][A-Za-z0-9_$]*)");
    private static final Pattern INDEX = Pattern.compile("^\\[\\s*(?:(\\d+)|'([^']*)'|\"([^\"]*)\")\\s*]");
    private static final Pattern CALL = Pattern.compile("^\\.(trim|toLowerCase|toUpperCase)\\(\\)");

    private sealed interface Step {
        record Parse() implements Step { }
        record Key(String name) implements Step { }
        record Index(int index) implements Step { }
        record Call(String name) implements Step { }
    }

    private final String source;
    private final List<List<Step>> lines;

    private OutputTransform(String source, List<List<Step>> lines) {
        this.source = source;
        this.lines = lines;
    }

    /** The transform, or empty when it is JavaScript Cachet does not read. */
    public static Optional<OutputTransform> parse(String js) {
        var lines = new ArrayList<List<Step>>();
        for (String line : js.split("\n")) {
            String t = line.strip();
            if (t.endsWith(";")) t = t.substring(0, t.length() - 1).strip();
            if (t.startsWith("return ")) t = t.substring(7).strip();
            if (t.isEmpty()) continue;
            List<Step> steps = steps(t);
            if (steps == null) return Optional.empty();
            lines.add(steps);
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(new OutputTransform(js, lines));
    }

    private static List<Step> steps(String expr) {
        var steps = new ArrayList<Step>();
        String rest;
        Matcher m = PARSE.matcher(expr);
        if (m.find()) {
            steps.add(new Step.Parse());
            rest = expr.substring(m.end());
        } else if (expr.startsWith("output")) {
            rest = expr.substring("output".length());
        } else {
            return null;
        }
        while (!rest.isEmpty()) {
            Matcher p = PROPERTY.matcher(rest);
            Matcher i = INDEX.matcher(rest);
            Matcher c = CALL.matcher(rest);
            if (c.find()) {
                steps.add(new Step.Call(c.group(1)));
                rest = rest.substring(c.end());
            } else if (p.find()) {
                steps.add(new Step.Key(p.group(1)));
                rest = rest.substring(p.end());
            } else if (i.find()) {
                steps.add(i.group(1) != null ? new Step.Index(Integer.parseInt(i.group(1)))
                        : new Step.Key(i.group(2) != null ? i.group(2) : i.group(3)));
                rest = rest.substring(i.end());
            } else {
                return null;
            }
        }
        return steps;
    }

    public String source() { return source; }

    /**
     * Applies the steps to an output (text, or JSON after a parse).
     *
     * @throws IllegalArgumentException when a step cannot apply (the output is not JSON, a key is missing)
     */
    public Object apply(Object output) {
        Object v = output;
        for (List<Step> line : lines) {
            for (Step s : line) v = step(s, v);
        }
        return v;
    }

    private static Object step(Step s, Object v) {
        return switch (s) {
            case Step.Parse p -> {
                try {
                    yield JsonSchemas.JSON.readTree(Outputs.text(v));
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("JSON.parse(output) failed: the output is not JSON");
                }
            }
            case Step.Key k -> {
                if (!(v instanceof JsonNode n) || !n.isObject()) throw new IllegalArgumentException("." + k.name() + " on something that is not a JSON object");
                JsonNode child = n.get(k.name());
                if (child == null) throw new IllegalArgumentException("the output has no '" + k.name() + "'");
                yield child;
            }
            case Step.Index i -> {
                if (!(v instanceof JsonNode n) || !n.isArray() || i.index() >= n.size()) {
                    throw new IllegalArgumentException("[" + i.index() + "] on something that is not a list that long");
                }
                yield n.get(i.index());
            }
            case Step.Call c -> {
                String text = Outputs.text(v);
                yield switch (c.name()) {
                    case "trim" -> text.strip();
                    case "toLowerCase" -> text.toLowerCase(java.util.Locale.ROOT);
                    default -> text.toUpperCase(java.util.Locale.ROOT);
                };
            }
        };
    }
}
