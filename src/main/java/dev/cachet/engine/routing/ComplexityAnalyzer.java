package dev.cachet.engine.routing;

import dev.cachet.engine.routing.text.AnalyzedText;
import dev.cachet.engine.routing.text.Lexicon;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes the work a message asks for from its patterns, length and structure (English and Spanish):
 * a greeting or "thanks" is TRIVIAL; "what is X" SIMPLE; "how/why/explain" MEDIUM; "compare",
 * "analyse", several questions, a list or code COMPLEX; "list all …", "compare all …", "in detail"
 * with more to say, or a very long message COMPREHENSIVE. Stateless and thread-safe.
 */
public final class ComplexityAnalyzer {

    /** Word counts past which length alone raises the level. */
    static final int MEDIUM_WORDS = 25;
    static final int COMPLEX_WORDS = 60;
    static final int COMPREHENSIVE_WORDS = 150;

    /**
     * @param smallTalk the router sent the message to a whole-message small-talk route (a greeting)
     */
    public Complexity analyze(AnalyzedText text, boolean smallTalk) {
        if (text.isEmpty()) return new Complexity(ComplexityLevel.TRIVIAL, List.of("no words"));
        if (smallTalk) return new Complexity(ComplexityLevel.TRIVIAL, List.of("small talk"));
        Lexicon lex = text.lexicon();
        int n = text.size();
        if (n <= 3 && isAcknowledgement(text)) return new Complexity(ComplexityLevel.TRIVIAL, List.of("acknowledgement"));

        var reasons = new ArrayList<String>(4);
        ComplexityLevel level = ComplexityLevel.SIMPLE;
        String simple = text.firstPhrase(lex.simpleOpeners());
        if (simple != null && text.startsWithPhrase(" " + simple + " ") && n <= 12) reasons.add("'" + simple + "'");

        int explain = text.indexOf(lex.explainWords());
        // "how many" / "how much" ask for a count, not an explanation
        boolean counting = explain >= 0 && text.firstPhrase(lex.countPhrases()) != null && text.tokens()[explain].equals("how");
        if (explain >= 0 && explain < 3 && !counting) {
            level = max(level, ComplexityLevel.MEDIUM);
            reasons.add("'" + text.tokens()[explain] + "'");
        }
        if (n > MEDIUM_WORDS) {
            level = max(level, n > COMPREHENSIVE_WORDS ? ComplexityLevel.COMPREHENSIVE
                    : n > COMPLEX_WORDS ? ComplexityLevel.COMPLEX : ComplexityLevel.MEDIUM);
            reasons.add(n + " words");
        }
        int compare = text.indexOf(lex.compareWords());
        if (compare >= 0) {
            level = max(level, ComplexityLevel.COMPLEX);
            reasons.add("'" + text.tokens()[compare] + "'");
        }
        if (text.questionMarks() >= 2) {
            level = max(level.up(), text.questionMarks() >= 4 ? ComplexityLevel.COMPLEX : ComplexityLevel.MEDIUM);
            reasons.add(text.questionMarks() + " questions");
        }
        if (text.listLines() >= 3) {
            level = max(level, ComplexityLevel.COMPLEX);
            reasons.add(text.listLines() + " list items");
        }
        if (text.codeBlocks() > 0) {
            level = max(level, ComplexityLevel.COMPLEX);
            reasons.add("code");
        }
        int all = text.indexOf(lex.allWords());
        boolean asksForAll = all >= 0 && (text.indexOf(lex.requests()) >= 0 || compare >= 0);
        int exhaustive = text.indexOf(lex.exhaustiveWords());
        if (asksForAll) {
            level = ComplexityLevel.COMPREHENSIVE;
            reasons.add("'" + text.tokens()[all] + "'" + (compare >= 0 ? " compared" : " listed"));
        } else if (exhaustive >= 0) {
            level = max(level.up(), compare >= 0 || n > 8 ? ComplexityLevel.COMPREHENSIVE : ComplexityLevel.COMPLEX);
            reasons.add("'" + text.tokens()[exhaustive] + "'");
        }
        return new Complexity(level, reasons);
    }

    private static boolean isAcknowledgement(AnalyzedText text) {
        Lexicon lex = text.lexicon();
        for (int i = 0; i < text.size(); i++) {
            if (!lex.acknowledgements().contains(text.tokens()[i]) && !text.stop()[i]) return false;
        }
        return true;
    }

    private static ComplexityLevel max(ComplexityLevel a, ComplexityLevel b) { return a.compareTo(b) >= 0 ? a : b; }
}
