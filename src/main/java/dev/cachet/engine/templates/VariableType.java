package dev.cachet.engine.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The type a template declares for a variable, and how values from the command line or a form become it. */
public enum VariableType {
    STRING, NUMBER, BOOLEAN, LIST, OBJECT;

    private static final ObjectMapper JSON = new ObjectMapper();

    public String yamlName() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<VariableType> parse(String name) {
        for (VariableType t : values()) if (t.yamlName().equals(name)) return Optional.of(t);
        return Optional.empty();
    }

    public static String names() { return "string, number, boolean, list, object"; }

    public boolean accepts(Object value) {
        return switch (this) {
            case STRING -> value instanceof String;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case LIST -> value instanceof List<?>;
            case OBJECT -> value instanceof Map<?, ?>;
        };
    }

    /**
     * The value as this type: kept when it already is one; text read as a number, {@code true/false},
     * or JSON for lists and objects; a number or boolean given for a string becomes its text.
     *
     * @throws IllegalArgumentException saying what was expected and what came
     */
    public Object coerce(Object value) {
        if (accepts(value)) return value;
        if (this == STRING && (value instanceof Number || value instanceof Boolean)) return value.toString();
        if (value instanceof String text) {
            String t = text.strip();
            switch (this) {
                case NUMBER -> {
                    try {
                        return t.matches("[+-]?\\d{1,18}") ? (Object) Long.parseLong(t) : (Object) Double.parseDouble(t);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected a number, got '" + text + "'");
                    }
                }
                case BOOLEAN -> {
                    if (t.equalsIgnoreCase("true")) return true;
                    if (t.equalsIgnoreCase("false")) return false;
                    throw new IllegalArgumentException("expected true or false, got '" + text + "'");
                }
                case LIST, OBJECT -> {
                    try {
                        Object parsed = JSON.readValue(t, Object.class);
                        if (accepts(parsed)) return parsed;
                    } catch (JsonProcessingException e) {
                        // reported below
                    }
                    throw new IllegalArgumentException("expected " + (this == LIST ? "a JSON list [...]" : "a JSON object {...}")
                            + ", got '" + abbreviate(text) + "'");
                }
                case STRING -> { }
            }
        }
        throw new IllegalArgumentException("expected " + article() + ", got " + describe(value));
    }

    /** What an optional variable that was not given renders as: falsy in {@code {% if %}}, empty in a loop. */
    public Object empty() {
        return switch (this) {
            case STRING -> "";
            case NUMBER -> null;
            case BOOLEAN -> false;
            case LIST -> List.of();
            case OBJECT -> Map.of();
        };
    }

    /** A stand-in value for checking a template when no example is declared. */
    Object sample() {
        return switch (this) {
            case STRING -> "text";
            case NUMBER -> 1L;
            case BOOLEAN -> true;
            case LIST -> List.of();
            case OBJECT -> Map.of();
        };
    }

    String article() {
        return switch (this) {
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case LIST -> "a list";
            case OBJECT -> "an object";
        };
    }

    static String describe(Object value) {
        return switch (value) {
            case null -> "nothing";
            case String s -> "text '" + abbreviate(s) + "'";
            case Number n -> "a number (" + n + ")";
            case Boolean b -> "a boolean (" + b + ")";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "an object";
            default -> value.getClass().getSimpleName();
        };
    }

    private static String abbreviate(String s) { return s.length() > 40 ? s.substring(0, 39) + "…" : s; }
}
