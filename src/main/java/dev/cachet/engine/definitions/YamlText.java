package dev.cachet.engine.definitions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads YAML text into {@link YamlNode}s that keep their line and column, reporting syntax errors and
 * duplicate keys (with both places) as problems instead of throwing. Also gives the normalized form of
 * a tree (keys sorted, comments and layout gone) and its hash: what a definition's version is.
 */
public final class YamlText {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final java.util.regex.Pattern CORE_BOOLEAN = java.util.regex.Pattern.compile("true|True|TRUE|false|False|FALSE");

    private YamlText() { }

    /** The document's root, or null when the text has a syntax error (then {@code problems} says where). */
    public static YamlNode parse(String text, ProblemList problems) { return parse(text, problems, false); }

    /**
     * As {@link #parse(String, ProblemList)}, with YAML 1.2's core schema for booleans: only true and false
     * are booleans; yes, no, on, off and y stay text. Files written for tools that read YAML 1.2 (promptfoo's
     * js-yaml) mean {@code body: Yes} as the word.
     */
    public static YamlNode parseCore(String text, ProblemList problems) { return parse(text, problems, true); }

    private static YamlNode parse(String text, ProblemList problems, boolean core) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) return new YamlNode.Scalar(Location.START, null, false);
            YamlNode root = read(p, text, problems, core);
            if (p.nextToken() != null) {
                problems.error(at(p.currentTokenLocation()), "more than one YAML document in the file (one definition per file)");
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.error(at(e.getLocation()), "YAML syntax: " + condense(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.error(Location.START, "cannot read: " + e.getMessage());
            return null;
        }
    }

    private static YamlNode read(JsonParser p, String text, ProblemList problems, boolean core) throws IOException {
        JsonToken t = p.currentToken();
        Location at = at(p.currentTokenLocation());
        return switch (t) {
            case START_OBJECT -> {
                var fields = new LinkedHashMap<String, YamlNode.Field>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = at(p.currentTokenLocation());
                    p.nextToken();
                    YamlNode value = read(p, text, problems, core);
                    YamlNode.Field earlier = fields.get(key);
                    if (earlier != null) {
                        problems.error(keyAt, "duplicate key '" + key + "' (first at line " + earlier.keyAt().line()
                                + "); a key may appear once in a mapping");
                    } else {
                        fields.put(key, new YamlNode.Field(key, keyAt, value));
                    }
                }
                yield new YamlNode.Mapping(at, fields);
            }
            case START_ARRAY -> {
                var items = new ArrayList<YamlNode>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p, text, problems, core));
                yield new YamlNode.Sequence(at, items);
            }
            case VALUE_STRING -> new YamlNode.Scalar(at, p.getText(), isBlock(text, p.currentTokenLocation()));
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(at, p.getNumberValue() instanceof Integer i ? Long.valueOf(i) : p.getNumberValue(), false);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(at, p.getDoubleValue(), false);
            case VALUE_TRUE, VALUE_FALSE -> core && !CORE_BOOLEAN.matcher(p.getText()).matches()
                    ? new YamlNode.Scalar(at, p.getText(), false) : new YamlNode.Scalar(at, t == JsonToken.VALUE_TRUE, false);
            case VALUE_NULL -> new YamlNode.Scalar(at, null, false);
            default -> new YamlNode.Scalar(at, p.getText(), false);
        };
    }

    private static boolean isBlock(String text, JsonLocation l) {
        long offset = l.getCharOffset();
        if (offset < 0 || offset >= text.length()) return false;
        char c = text.charAt((int) offset);
        return c == '|' || c == '>';
    }

    static Location at(JsonLocation l) {
        return l == null ? Location.START : new Location(l.getLineNr(), l.getColumnNr());
    }

    /** SnakeYAML's messages repeat the source with carets over several lines; keep the sentences. */
    static String condense(String message) {
        if (message == null) return "unreadable";
        var parts = new ArrayList<String>();
        for (String line : message.split("\n")) {
            if (line.isBlank() || line.startsWith(" ") || line.startsWith("\t")) continue;
            parts.add(line.strip());
        }
        return parts.isEmpty() ? message.strip() : String.join(": ", parts);
    }

    /** The value as plain Java: maps (in file order), lists, strings, numbers, booleans, null. */
    public static Object plain(YamlNode node) {
        return switch (node) {
            case YamlNode.Mapping m -> {
                var out = new LinkedHashMap<String, Object>();
                m.fields().forEach((k, f) -> out.put(k, plain(f.value())));
                yield out;
            }
            case YamlNode.Sequence s -> {
                var out = new ArrayList<Object>();
                for (YamlNode item : s.items()) out.add(plain(item));
                yield out;
            }
            case YamlNode.Scalar s -> s.value();
        };
    }

    /**
     * The normalized form of a tree: mapping keys sorted, scalars typed, comments, quoting and layout
     * gone. Two files that mean the same have the same form.
     */
    public static String normalized(YamlNode node) {
        var sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    /** SHA-256 of the normalized form, the first {@code hexChars} hex digits. */
    public static String hash(YamlNode node, int hexChars) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normalized(node).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void write(YamlNode node, StringBuilder sb) {
        switch (node) {
            case YamlNode.Mapping m -> {
                sb.append('{');
                Map<String, YamlNode> sorted = new TreeMap<>();
                m.fields().forEach((k, f) -> sorted.put(k, f.value()));
                boolean first = true;
                for (var e : sorted.entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    quote(e.getKey(), sb);
                    sb.append(':');
                    write(e.getValue(), sb);
                }
                sb.append('}');
            }
            case YamlNode.Sequence s -> {
                sb.append('[');
                List<YamlNode> items = s.items();
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) sb.append(',');
                    write(items.get(i), sb);
                }
                sb.append(']');
            }
            case YamlNode.Scalar s -> {
                switch (s.value()) {
                    case null -> sb.append("null");
                    case String text -> quote(text, sb);
                    default -> sb.append(s.value());
                }
            }
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
