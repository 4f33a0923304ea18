package dev.cachet.engine.experiments.live;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * "Promote": the winner's weight in the template's {@code split} becomes 1 and every other variant's 0,
 * by editing only those numbers in the file's text (positions from the YAML parser), so comments, order,
 * quoting and every other field stay as the person wrote them. The templates' watcher reloads the file.
 */
public final class SplitPromotion {

    private static final YAMLFactory YAML = new YAMLFactory();

    private SplitPromotion() { }

    /** Rewrites {@code file}; throws with the file and what is wrong when it has no split or the winner has no weight there. */
    public static void promote(Path file, String winner) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String out = promote(text, file.toString(), winner);
        Path tmp = file.resolveSibling(file.getFileName() + ".promote.tmp");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private record Weight(String variant, int start, int end) { }

    static String promote(String text, String source, String winner) throws IOException {
        List<Weight> weights = weights(text, source);
        if (weights.stream().noneMatch(w -> w.variant().equals(winner))) {
            throw new IllegalArgumentException(source + ": variant '" + winner + "' has no weight under 'split' (weights for: "
                    + String.join(", ", weights.stream().map(Weight::variant).toList()) + ")");
        }
        var sb = new StringBuilder(text);
        for (int i = weights.size() - 1; i >= 0; i--) { // from the end, so earlier offsets stay right
            Weight w = weights.get(i);
            sb.replace(w.start(), w.end(), w.variant().equals(winner) ? "1" : "0");
        }
        return sb.toString();
    }

    /** Where each weight under the top-level {@code split} mapping stands in the text. */
    private static List<Weight> weights(String text, String source) throws IOException {
        var out = new ArrayList<Weight>();
        try (YAMLParser p = (YAMLParser) YAML.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException(source + ": not a YAML mapping");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (!"split".equals(key)) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException(source + ":" + p.currentTokenLocation().getLineNr() + ": 'split' is not a mapping of variant: weight");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String variant = p.currentName();
                    JsonToken t = p.nextToken();
                    if (!t.isScalarValue()) {
                        throw new IllegalArgumentException(source + ":" + p.currentTokenLocation().getLineNr() + ": the weight of '" + variant
                                + "' is not a number");
                    }
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    out.add(new Weight(variant, start, end(text, start)));
                }
                return out;
            }
        }
        throw new IllegalArgumentException(source + ": no 'split' to promote a variant in");
    }

    /** Where the scalar starting at {@code start} ends: its closing quote, or the end of a plain number. */
    private static int end(String text, int start) {
        char first = text.charAt(start);
        if (first == '"' || first == '\'') return text.indexOf(first, start + 1) + 1;
        int i = start;
        while (i < text.length() && "0123456789.+-eE_".indexOf(text.charAt(i)) >= 0) i++;
        return i;
    }
}
