package dev.cachet.engine.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where each field stands in the user's YAML, by dotted path ({@code providers[0].baseUrl}): the line and
 * column of its name and of its value. The tree the file is bound from is merged over the defaults and has
 * no locations, so errors found there are placed with this. Also notes numbers too large for a double
 * (YAML reads {@code 1e400} as infinity).
 */
final class YamlPlaces {

    /** A number in the file that no double holds. */
    record Overflow(String path, String text) { }

    private final Map<String, JsonLocation> names = new HashMap<>();
    private final Map<String, JsonLocation> values = new HashMap<>();
    private final List<Overflow> overflows = new ArrayList<>();

    /** Walks {@code text}; stops quietly where it stops being YAML (the syntax error is reported by the real parse). */
    YamlPlaces(JsonFactory yaml, String text) {
        try (JsonParser p = yaml.createParser(text)) {
            Deque<Frame> frames = new ArrayDeque<>();
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                Frame top = frames.peek();
                if (token == JsonToken.FIELD_NAME) {
                    top.field = p.currentName();
                    names.put(pathOf(frames), p.currentTokenLocation());
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    frames.pop();
                    continue;
                }
                if (top != null && top.array) top.index++;
                String path = pathOf(frames);
                values.put(path, p.currentTokenLocation());
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    frames.push(new Frame(token == JsonToken.START_ARRAY));
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT && !Double.isFinite(p.getDoubleValue())) {
                    overflows.add(new Overflow(path, p.getText()));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: what was walked is placed, the rest falls back to its section
        }
    }

    List<Overflow> overflows() { return overflows; }

    /** Where the value at {@code path} stands, else its name, else the nearest enclosing field's; null when none is in the file. */
    JsonLocation valueOf(String path) {
        for (String key = path; !key.isEmpty(); key = parent(key)) {
            if (values.containsKey(key)) return values.get(key);
            if (names.containsKey(key)) return names.get(key);
        }
        return null;
    }

    /** Where the name of the field at {@code path} stands (for "unknown field"). */
    JsonLocation nameOf(String path) {
        return names.containsKey(path) ? names.get(path) : valueOf(path);
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static String pathOf(Deque<Frame> frames) {
        var sb = new StringBuilder();
        for (Iterator<Frame> it = frames.descendingIterator(); it.hasNext(); ) {
            Frame f = it.next();
            if (f.array) sb.append('[').append(f.index).append(']');
            else if (f.field != null) sb.append(sb.isEmpty() ? "" : ".").append(f.field);
        }
        return sb.toString();
    }

    /** Where the walk stands: an object and its current field, or an array and its current index. */
    private static final class Frame {
        final boolean array;
        String field;
        int index = -1;

        Frame(boolean array) { this.array = array; }
    }
}
