package dev.cachet.engine.definitions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it stood in its file, so that a definition's reader can say
 * "line 12, column 5" about any field it rejects. Built by {@link YamlText}.
 */
public sealed interface YamlNode {

    Location at();

    /** What a person calls this kind of value in an error ("a mapping", "a list", "a number"). */
    String kind();

    /** A mapping, its keys in file order. */
    record Mapping(Location at, Map<String, Field> fields) implements YamlNode {
        public Mapping {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
        public YamlNode get(String key) {
            Field f = fields.get(key);
            return f == null ? null : f.value();
        }
        @Override public String kind() { return "a mapping"; }
    }

    /** One key of a mapping with the place of the key itself. */
    record Field(String key, Location keyAt, YamlNode value) { }

    record Sequence(Location at, List<YamlNode> items) implements YamlNode {
        public Sequence { items = List.copyOf(items); }
        @Override public String kind() { return "a list"; }
    }

    /**
     * A scalar: String, Long, BigInteger, Double, BigDecimal, Boolean or null (an empty value or {@code ~}).
     *
     * @param block true for a {@code |} or {@code >} block, whose text starts on the next line
     */
    record Scalar(Location at, Object value, boolean block) implements YamlNode {
        @Override public String kind() {
            return switch (value) {
                case null -> "an empty value";
                case String s -> "text";
                case Boolean b -> "a boolean (" + b + ")";
                case Number n -> "a number (" + n + ")";
                default -> value.getClass().getSimpleName();
            };
        }
    }
}
