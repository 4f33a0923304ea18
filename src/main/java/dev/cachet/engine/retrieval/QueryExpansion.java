package dev.cachet.engine.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a compound question into its parts, so each part finds its own chunks: "How do I install it,
 * and how do I configure the proxy?" becomes the whole question plus "How do I install it" and "how do
 * I configure the proxy". Parts of fewer than three words are not worth a query.
 */
final class QueryExpansion {

    private static final Pattern SENTENCES = Pattern.compile("(?<=[?!.])\\s+(?=\\S)");
    private static final Pattern CLAUSES = Pattern.compile("(?i),?\\s+(?:and also|and then|as well as|and|also|plus)\\s+(?=(?:how|what|why|when|where|which|who|can|does|do|is|are|should|could|would)\\b)");

    private QueryExpansion() { }

    /** The question itself first, then its parts, without repeats, at most {@code max} in all. */
    static List<String> expand(String question, int max) {
        var out = new LinkedHashSet<String>();
        out.add(question.strip());
        for (String sentence : SENTENCES.split(question.strip())) {
            for (String clause : CLAUSES.split(sentence)) {
                String part = clause.strip().replaceAll("^[,;:]+|[,;:]+$", "").strip();
                if (part.split("\\s+").length >= 3) out.add(part);
            }
        }
        var list = new ArrayList<>(out);
        if (list.size() == 2) list.remove(1);  // one part is the question itself, reworded by punctuation only
        return List.copyOf(list.subList(0, Math.min(max, list.size())));
    }
}
