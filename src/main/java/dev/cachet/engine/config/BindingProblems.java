package dev.cachet.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem met while the merged config tree is bound, instead of stopping at the first:
 * each unknown field, each value of the wrong type, each value a settings record refuses. A stand-in
 * value lets the binding go on to the rest of the file; a record whose part was already reported is not
 * reported again for the stand-in.
 */
final class BindingProblems extends DeserializationProblemHandler {

    private final List<MappingWords.Failure> failures = new ArrayList<>();

    List<MappingWords.Failure> failures() { return failures; }

    /** Adds a failure unless it is about a record one of whose parts is already reported (then it is about a stand-in). */
    void add(MappingWords.Failure f) {
        String at = f.path().equals(MappingWords.TOP_LEVEL) ? "" : f.path();
        boolean partReported = failures.stream().anyMatch(known -> at.isEmpty() || known.path().equals(at)
                || known.path().startsWith(at + ".") || known.path().startsWith(at + "["));
        if (!partReported) failures.add(f);
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        var known = deserializer.getKnownPropertyNames().stream().map(Object::toString).sorted().toList();
        failures.add(new MappingWords.Failure(path(p.getParsingContext(), p.currentToken()), MappingWords.unknownField(propertyName, known), true));
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
        // A duration says itself what it accepts (DurationText); other types get "expected a number, was 'fast'".
        String message = targetType == Duration.class ? failureMsg : "expected " + MappingWords.expected(targetType) + ", was '" + value + "'";
        failures.add(new MappingWords.Failure(path(ctxt.getParser().getParsingContext()), message, false));
        return standIn(targetType);
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
        failures.add(new MappingWords.Failure(path(ctxt.getParser().getParsingContext()),
                "expected " + MappingWords.expected(targetType) + ", was " + value, false));
        return standIn(targetType);
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                        String failureMsg) throws IOException {
        failures.add(new MappingWords.Failure(path(p.getParsingContext(), t),
                "expected " + MappingWords.expected(targetType.getRawClass()) + ", was " + held(t, p), false));
        p.skipChildren();
        return standIn(targetType.getRawClass());
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass, ValueInstantiator valueInsta,
                                            JsonParser p, String msg) throws IOException {
        JsonToken t = p.currentToken();
        failures.add(new MappingWords.Failure(path(p.getParsingContext(), t),
                "expected " + MappingWords.expected(instClass) + ", was " + held(t, p), false));
        p.skipChildren();
        return null;
    }

    @Override
    public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument, Throwable t) {
        // Called once the record's fields are read: the parser stands on its closing token, in its parent's context.
        String at = path(ctxt.getParser().getParsingContext());
        Throwable cause = t.getCause() != null ? t.getCause() : t;
        if (cause instanceof InvalidFieldException f) {
            add(new MappingWords.Failure(at.isEmpty() ? f.field() : at + "." + f.field(), f.problem(), false));
        } else {
            add(new MappingWords.Failure(at.isEmpty() ? MappingWords.TOP_LEVEL : at, MappingWords.firstLine(cause.getMessage(), cause), false));
        }
        return null;
    }

    /** What the file holds at the parser's token: "a mapping", "a list", "'text'", "5", "empty". */
    private static String held(JsonToken t, JsonParser p) throws IOException {
        if (t == null) return "empty";
        return switch (t) {
            case START_OBJECT, FIELD_NAME -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "'" + p.getText() + "'";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
            case VALUE_NULL -> "empty";
            default -> t.asString() == null ? "something else" : t.asString();
        };
    }

    /** A value to go on with: Java's default for a primitive (null is refused there), else nothing. */
    private static Object standIn(Class<?> type) {
        if (!type.isPrimitive()) return null;
        if (type == boolean.class) return false;
        if (type == double.class) return 0.0;
        if (type == float.class) return 0.0f;
        if (type == long.class) return 0L;
        if (type == char.class) return '\0';
        if (type == short.class) return (short) 0;
        if (type == byte.class) return (byte) 0;
        return 0; // int: boxed as Integer (a conditional with short and byte branches would box a Short, which Jackson refuses)
    }

    /** The dotted path of where the parser stands ({@code providers[0].baseUrl}). */
    static String path(JsonStreamContext context) {
        var parts = new ArrayList<String>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
            else if (c.getCurrentName() != null) parts.add(c.getCurrentName());
        }
        var sb = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            String part = parts.get(i);
            sb.append(part.startsWith("[") || sb.isEmpty() ? "" : ".").append(part);
        }
        return sb.toString();
    }

    /** As {@link #path(JsonStreamContext)}; a value that opens a mapping or list already stands inside it. */
    private static String path(JsonStreamContext context, JsonToken t) {
        boolean opened = (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && context.getParent() != null;
        return path(opened ? context.getParent() : context);
    }
}
