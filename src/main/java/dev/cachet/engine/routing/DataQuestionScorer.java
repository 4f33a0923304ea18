package dev.cachet.engine.routing;

import dev.cachet.engine.routing.text.AnalyzedText;
import dev.cachet.engine.routing.text.Language;
import dev.cachet.engine.routing.text.Lexicon;
import dev.cachet.engine.routing.text.SchemaVocabulary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How likely a message is a question the connected database answers. Two kinds of evidence, as
 * text-to-SQL systems link questions to schemas: which schema words the question names (and whether
 * the thing it asks for is one), and what it asks (a question or request for rows, with counts,
 * rankings, filters, dates) — against what says it is not a database question (a statement, a
 * fragment, pronouns that point at an earlier turn, talk between people).
 *
 * <p>The weights combine into a logistic score. They were chosen on the even lines of
 * triagesql-dev.jsonl and are reported on the odd lines (src/site/markdown/routing.md); the features
 * are generic, no word list comes from that file.
 */
public final class DataQuestionScorer {

    /** The facts the score was made of, and the words a person reads as the reason. */
    public record DataScore(double probability, double logit, List<String> evidence, Set<String> schemaWords,
                            QuestionForm form, double[] features) {
        public static final DataScore NO_SCHEMA = new DataScore(0, Double.NEGATIVE_INFINITY,
                List.of("no database connected"), Set.of(), QuestionForm.NONE, new double[FEATURES.size()]);
    }

    /** The features, in the order of {@link DataScore#features()} and of the weights. */
    public static final List<String> FEATURES = List.of("coverage", "schemaWords", "columns", "focus", "whOrRequest", "yesNo",
            "asksForData", "pointsBack", "personal", "fragment", "statement");

    /** How the message opens. */
    public enum QuestionForm { WH, REQUEST, YES_NO, NONE }

    // Logistic weights, one per feature (see class comment).
    static final double BIAS = -3.0;
    static final double[] WEIGHTS = {2.2, 0.55, 0.35, 0.6, 0.9, 0.1, 0.35, -1.0, -0.6, -1.2, -1.2};

    /** Scores {@code text} against {@code schema}; an empty schema scores {@link DataScore#NO_SCHEMA}. */
    public DataScore score(AnalyzedText text, SchemaVocabulary schema) {
        if (schema.isEmpty()) return DataScore.NO_SCHEMA;
        Language lang = text.language();
        Lexicon lex = text.lexicon();
        String[] tok = text.tokens();
        String[] stems = text.stems();
        int n = tok.length;
        var evidence = new ArrayList<String>(6);

        QuestionForm form = form(text);
        int content = 0;
        int matched = 0;
        var schemaWords = new LinkedHashSet<String>();
        int focus = -1;
        int start = openerEnd(text, form);
        for (int i = start; i < n; i++) {
            if (!text.isContent(i)) continue;
            boolean linked = schema.hasStem(lang, stems[i]);
            // The words questions are made of ("many", "average", "highest") are not content unless the schema has them.
            if (!linked && isCue(lex, tok[i])) continue;
            content++;
            if (focus < 0) focus = i;
            if (linked) {
                matched++;
                schemaWords.add(schema.wordOf(lang, stems[i]));
            }
        }
        double coverage = content == 0 ? 0 : (double) matched / content;
        int columns = columnMentions(text, schema);
        boolean focusIsSchema = focus >= 0 && schema.hasStem(lang, stems[focus]);

        if (!schemaWords.isEmpty()) evidence.add("names " + String.join(", ", limit(schemaWords, 4)));
        else evidence.add("names no schema word");
        String asks = asksForData(text, form);
        if (asks != null && form != QuestionForm.NONE) evidence.add(asks);
        int pointsBack = pointsBack(text, schema);
        if (pointsBack > 0) evidence.add("points back at '" + tok[text.indexOf(lex.thirdPerson())] + "'");
        int personal = personal(text);
        if (personal > 0) evidence.add("talks about '" + tok[text.indexOf(lex.personal())] + "'");
        boolean fragment = n <= 2;
        if (fragment) evidence.add("a fragment");
        boolean statement = form == QuestionForm.NONE && text.questionMarks() == 0;
        if (statement) evidence.add("a statement, not a question");

        double[] f = {
                coverage,
                Math.min(schemaWords.size(), 3),
                Math.min(columns, 2),
                focusIsSchema ? 1 : 0,
                form == QuestionForm.WH || form == QuestionForm.REQUEST ? 1 : 0,
                form == QuestionForm.YES_NO ? 1 : 0,
                asks != null && form != QuestionForm.NONE ? 1 : 0,
                Math.min(pointsBack, 2),
                Math.min(personal, 2),
                fragment ? 1 : 0,
                statement ? 1 : 0};
        double z = BIAS;
        for (int i = 0; i < f.length; i++) z += WEIGHTS[i] * f[i];
        double p = 1 / (1 + Math.exp(-z));
        return new DataScore(p, z, List.copyOf(evidence), Set.copyOf(schemaWords), form, f);
    }

    /**
     * Third-person pronouns with nothing in the message for them to refer to: no schema word before them
     * ("what are their names?" points back at an earlier turn; "orders with their status" does not).
     */
    private static int pointsBack(AnalyzedText text, SchemaVocabulary schema) {
        Lexicon lex = text.lexicon();
        int n = 0;
        for (int i = 0; i < text.size(); i++) {
            if (schema.hasStem(text.language(), text.stems()[i])) break;
            if (lex.thirdPerson().contains(text.tokens()[i])) n++;
        }
        return n;
    }

    private static boolean isCue(Lexicon lex, String word) {
        return lex.interrogatives().contains(word) || lex.requests().contains(word) || lex.aggregates().contains(word)
                || lex.superlatives().contains(word) || lex.comparisons().contains(word) || lex.auxiliaries().contains(word)
                || lex.allWords().contains(word) || COUNT_WORDS.contains(word);
    }

    /** The second word of "how many" / "how much". */
    private static final Set<String> COUNT_WORDS = Set.of("many", "much");

    /** Wh-word, request verb, or auxiliary at the start (after a filler such as "and", "ok", "please"). */
    static QuestionForm form(AnalyzedText text) {
        Lexicon lex = text.lexicon();
        String[] tok = text.tokens();
        for (int i = 0; i < Math.min(tok.length, 3); i++) {
            String w = tok[i];
            if (lex.interrogatives().contains(w)) return QuestionForm.WH;
            if (lex.requests().contains(w)) return QuestionForm.REQUEST;
            if (lex.auxiliaries().contains(w)) {
                // "can you list ...", "could you show ..." are requests
                if (i + 2 < tok.length && lex.personal().contains(tok[i + 1]) && lex.requests().contains(tok[i + 2])) {
                    return QuestionForm.REQUEST;
                }
                return QuestionForm.YES_NO;
            }
            if (!text.stop()[i] && !FILLERS.contains(w)) break;
        }
        // "in which year ...", "for each customer, how many ..." : a wh-word soon after the start
        for (int i = 0; i < Math.min(tok.length, 6); i++) if (lex.interrogatives().contains(tok[i])) return QuestionForm.WH;
        return QuestionForm.NONE;
    }

    private static final Set<String> FILLERS = Set.of("and", "so", "ok", "okay", "then", "now", "please", "also", "y", "entonces",
            "pues", "bueno", "vale", "por", "favor");

    /** Index after the opener: the request verb and a following "me" are not content. */
    private static int openerEnd(AnalyzedText text, QuestionForm form) {
        if (form != QuestionForm.REQUEST) return 0;
        String[] tok = text.tokens();
        Lexicon lex = text.lexicon();
        int i = 0;
        while (i < tok.length && !lex.requests().contains(tok[i])) i++;
        i++;
        if (i < tok.length && lex.personal().contains(tok[i])) i++;
        return i;
    }

    /** Columns whose every word the question names. */
    private static int columnMentions(AnalyzedText text, SchemaVocabulary schema) {
        Language lang = text.language();
        var stems = new java.util.HashSet<String>(List.of(text.stems()));
        int mentions = 0;
        for (var column : schema.columnIdentifiers()) {
            List<String> words = column.stems().get(lang);
            if (!words.isEmpty() && stems.containsAll(words)) mentions++;
        }
        return mentions;
    }

    /** What in the message asks for rows: a count, a ranking, a filter, a date — or null. */
    static String asksForData(AnalyzedText text, QuestionForm form) {
        Lexicon lex = text.lexicon();
        String phrase = text.firstPhrase(lex.countPhrases());
        if (phrase != null) return "asks '" + phrase + "'";
        int i = text.indexOf(lex.aggregates());
        if (i >= 0) return "aggregate '" + text.tokens()[i] + "'";
        i = text.indexOf(lex.superlatives());
        if (i >= 0) return "ranking '" + text.tokens()[i] + "'";
        if (form == QuestionForm.REQUEST) return "request '" + text.tokens()[text.indexOf(lex.requests())] + "'";
        i = text.indexOf(lex.comparisons());
        if (i >= 0) return "filter '" + text.tokens()[i] + "'";
        for (int k = 0; k < text.size(); k++) if (text.isYear(k)) return "date '" + text.tokens()[k] + "'";
        i = text.indexOf(lex.timeWords());
        if (i >= 0) return "date '" + text.tokens()[i] + "'";
        return null;
    }

    /** First/second-person words, except the "me" of "show me" / "give me". */
    private static int personal(AnalyzedText text) {
        Lexicon lex = text.lexicon();
        String[] tok = text.tokens();
        int n = 0;
        for (int i = 0; i < tok.length; i++) {
            if (!lex.personal().contains(tok[i])) continue;
            if (i > 0 && lex.requests().contains(tok[i - 1])) continue;
            if (i + 1 < tok.length && lex.requests().contains(tok[i + 1])) continue; // "can you list"
            n++;
        }
        return n;
    }

    private static List<String> limit(Set<String> words, int max) {
        var out = new ArrayList<String>(max);
        for (String w : words) {
            if (out.size() == max) break;
            out.add(w);
        }
        return out;
    }
}
