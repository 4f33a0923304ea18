package dev.cachet.engine.routing.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The words of a connected database's schema, as the data route matches them: every table and column
 * name split into words ({@code order_items.unit_price} → order, items, unit, price; camelCase and
 * spaces split too), stop words and one-letter words dropped, stemmed per language. Immutable; built
 * once per schema (the router's hot path only looks words up).
 */
public final class SchemaVocabulary {

    /** A table or column: its name and its words' stems in each language. */
    public record Identifier(String name, String table, List<String> words, Map<Language, List<String>> stems) { }

    public static final SchemaVocabulary EMPTY = new SchemaVocabulary(Map.of());

    private final Map<String, List<String>> tables;
    private final List<Identifier> tableIds = new ArrayList<>();
    private final List<Identifier> columnIds = new ArrayList<>();
    private final Map<Language, Set<String>> stems = new EnumMap<>(Language.class);
    private final Map<Language, Map<String, String>> wordOfStem = new EnumMap<>(Language.class);
    private final String fingerprint;

    private SchemaVocabulary(Map<String, List<String>> tables) {
        var copy = new LinkedHashMap<String, List<String>>();
        tables.forEach((t, cols) -> copy.put(t, List.copyOf(cols)));
        this.tables = java.util.Collections.unmodifiableMap(copy);
        for (Language l : Language.values()) {
            stems.put(l, new HashSet<>());
            wordOfStem.put(l, new java.util.HashMap<>());
        }
        copy.forEach((table, columns) -> {
            tableIds.add(identifier(table, table));
            for (String c : columns) columnIds.add(identifier(c, table));
        });
        this.fingerprint = fingerprint(copy);
    }

    /** From table name → column names (the connected database, or a line's own {@code schema} in evaluation). */
    public static SchemaVocabulary of(Map<String, List<String>> tables) {
        return tables.isEmpty() ? EMPTY : new SchemaVocabulary(tables);
    }

    public boolean isEmpty() { return tables.isEmpty(); }
    public Map<String, List<String>> tables() { return tables; }
    public List<Identifier> tableIdentifiers() { return java.util.Collections.unmodifiableList(tableIds); }
    public List<Identifier> columnIdentifiers() { return java.util.Collections.unmodifiableList(columnIds); }

    /** Whether a stem (of a token in a {@code language} text) is a schema word. */
    public boolean hasStem(Language language, String stem) { return stems.get(language).contains(stem); }

    /** The schema word a stem came from (for reasons shown to people), or the stem itself. */
    public String wordOf(Language language, String stem) { return wordOfStem.get(language).getOrDefault(stem, stem); }

    /** A short hash of the table and column names: part of routing-decision keys. */
    public String fingerprint() { return fingerprint; }

    /** Words of an identifier: snake_case, dotted, camelCase, spaces and punctuation all split. */
    public static List<String> words(String identifier) {
        var out = new ArrayList<String>();
        var sb = new StringBuilder();
        char prev = 0;
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean boundary = Character.isUpperCase(c) && Character.isLowerCase(prev);
            if (!Character.isLetter(c) || boundary) {
                flush(sb, out);
                if (!Character.isLetter(c)) {
                    prev = c;
                    continue;
                }
            }
            sb.append(Folding.fold(c));
            prev = c;
        }
        flush(sb, out);
        return out;
    }

    private static void flush(StringBuilder sb, List<String> out) {
        if (sb.length() > 1) out.add(sb.toString());
        sb.setLength(0);
    }

    private Identifier identifier(String name, String table) {
        List<String> words = new ArrayList<>();
        for (String w : words(name)) if (!Language.ENGLISH.isStopWord(w) && !Language.SPANISH.isStopWord(w)) words.add(w);
        var byLanguage = new EnumMap<Language, List<String>>(Language.class);
        for (Language l : Language.values()) {
            var list = new ArrayList<String>(words.size());
            for (String w : words) {
                String s = TextAnalyzer.stem(l, w);
                list.add(s);
                stems.get(l).add(s);
                wordOfStem.get(l).putIfAbsent(s, w);
            }
            byLanguage.put(l, List.copyOf(list));
        }
        return new Identifier(name, table, List.copyOf(words), byLanguage);
    }

    private static String fingerprint(Map<String, List<String>> tables) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(tables).forEach((t, cols) -> {
                md.update(t.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                for (String c : cols) {
                    md.update(c.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 1);
                }
                md.update((byte) 2);
            });
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
