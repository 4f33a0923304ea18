package dev.cachet.engine.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.cachet.engine.definitions.ClosestName;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;

/**
 * Turns a Jackson binding failure into the field it is about and a sentence in the words of the file
 * ("expected a number, was 'fast'"), never in Java's ("Cannot deserialize value of type `double`").
 */
final class MappingWords {

    /** The field a failure is about, as a dotted path, and what is wrong with it. */
    record Failure(String path, String message, boolean unknownField) { }

    /** The path of a failure about the file as a whole. */
    static final String TOP_LEVEL = "(top level)";

    private MappingWords() { }

    /** @param tree the tree that was being bound, to say what the file held where a type did not fit */
    static Failure of(JsonProcessingException e, JsonNode tree) {
        String path = path(e);
        JsonNode held = tree.at(pointer(e));
        return switch (e) {
            case UnrecognizedPropertyException u -> new Failure(path,
                    unknownField(u.getPropertyName(), u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()), true);
            case ValueInstantiationException v when v.getCause() instanceof InvalidFieldException f ->
                    new Failure(path.equals(TOP_LEVEL) ? f.field() : path + "." + f.field(), f.problem(), false);
            case ValueInstantiationException v -> new Failure(path, firstLine(v.getCause() != null ? v.getCause().getMessage() : null, v), false);
            case InvalidFormatException f when f.getTargetType() != null && !Duration.class.equals(f.getTargetType()) ->
                    new Failure(path, "expected " + expected(f.getTargetType()) + ", was '" + f.getValue() + "'", false);
            case MismatchedInputException m when m.getTargetType() != null && held.isMissingNode() ->
                    new Failure(path, "needed: " + expected(m.getTargetType()) + " (the field is missing)", false);
            case MismatchedInputException m when m.getTargetType() != null ->
                    new Failure(path, "expected " + expected(m.getTargetType()) + ", was " + held(held), false);
            case JsonMappingException m when m.getCause() instanceof InputCoercionException ->
                    new Failure(path, held(held) + " is too large a number", false);
            default -> new Failure(path, firstLine(e.getOriginalMessage(), e), false);
        };
    }

    /** "unknown field 'x' (did you mean 'y'?)", else with the known names. */
    static String unknownField(String name, java.util.List<String> known) {
        return "unknown field '" + name + "'" + ClosestName.hintOrKnown(name, known);
    }

    /** "a number", "a list ...": what a Java type is called in a YAML file. */
    static String expected(Class<?> type) {
        if (type == double.class || type == Double.class || type == float.class || type == Float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "text";
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "a list (one '- ' entry per item)";
        if (Duration.class.equals(type)) return "a duration (e.g. 250ms, 2s, 5m, 1h, 7d)";
        return "a mapping (name: value)";
    }

    /** What the file holds at a node: "a mapping", "a list", "'text'", "empty". */
    static String held(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) return "empty";
        if (node.isObject()) return "a mapping";
        if (node.isArray()) return "a list";
        if (node.isNumber()) return node.asText();
        return "'" + node.asText() + "'";
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) return TOP_LEVEL;
        var sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            else if (ref.getIndex() >= 0) sb.append('[').append(ref.getIndex()).append(']');
        }
        return sb.toString();
    }

    /** Where the failure is in the tree, as a JSON pointer ({@code /providers/0/baseUrl}). */
    private static JsonPointer pointer(JsonProcessingException e) {
        JsonPointer p = JsonPointer.empty();
        if (!(e instanceof JsonMappingException m)) return p;
        for (JsonMappingException.Reference ref : m.getPath()) {
            p = ref.getFieldName() != null ? p.appendProperty(ref.getFieldName()) : p.appendIndex(Math.max(0, ref.getIndex()));
        }
        return p;
    }

    static String firstLine(String message, Throwable e) {
        String m = message == null ? e.getClass().getSimpleName() : message;
        return m.lines().findFirst().orElse(m);
    }
}
