package dev.cachet.engine.semantic;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a fresh model answer and a cached one say the same thing: the label an explored lookup
 * teaches its namespace, at no extra model call. Different when the answers contradict on a number
 * (each states one the other lacks; list numbering ignored), when one opens with "yes" and the other
 * with "no", or when their embeddings are further apart than {@value #SAME_ANSWER}; otherwise the
 * same. (Code identifiers and names are not compared: in prose answers they vary with the wording —
 * {@code list.reverse()} vs {@code my_list.reverse()}, "whole-grain" read as a flag.)
 * The comparison is lenient on wording (the same model rewords itself between calls) and strict on
 * the facts a reworded question can flip.
 */
public final class AnswerAgreement {

    /** Cosine of the two answers' embeddings from which they count as the same answer. */
    static final double SAME_ANSWER = 0.80;
    /** Only the start of an answer is embedded: the model's window, and where the answer is stated. */
    private static final int EMBED_CHARS = 1_000;
    private static final Pattern LIST_MARKER = Pattern.compile("(?m)^\\s*(?:\\d{1,2}[.)]|[-*•])\\s+");
    private static final Pattern OPENING = Pattern.compile("^\\W*(yes|no)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * @param agree  true when the cached answer would have done
     * @param cosine the answers' embedding cosine (NaN when a rule decided first)
     * @param reason in words, for the trace
     */
    public record Verdict(boolean agree, double cosine, String reason) { }

    private final Embedder embedder;

    public AnswerAgreement(Embedder embedder) { this.embedder = embedder; }

    public Verdict compare(String cached, String fresh) throws EmbeddingException, InterruptedException {
        String a = normalise(cached), b = normalise(fresh);
        if (a.equals(b)) return new Verdict(true, 1, "the same text");
        String yesNoA = opening(cached), yesNoB = opening(fresh);
        if (yesNoA != null && yesNoB != null && !yesNoA.equals(yesNoB)) {
            return new Verdict(false, Double.NaN, "one answer opens with '" + yesNoA + "', the other with '" + yesNoB + "'");
        }
        QueryFacts factsA = facts(cached), factsB = facts(fresh);
        String numbers = contradiction(factsA.numbers(), factsB.numbers());
        if (numbers != null) return new Verdict(false, Double.NaN, "the answers state different numbers: " + numbers);
        var vectors = embedder.embedAll(java.util.List.of(head(cached), head(fresh)));
        double cosine = 0;
        for (int i = 0; i < vectors.get(0).length; i++) cosine += vectors.get(0)[i] * vectors.get(1)[i];
        boolean same = cosine >= SAME_ANSWER;
        return new Verdict(same, cosine, String.format(Locale.ROOT, "answer similarity %.3f %s %.2f", cosine, same ? ">=" : "<", SAME_ANSWER));
    }

    private static String head(String answer) {
        String s = answer.strip();
        return s.length() <= EMBED_CHARS ? s : s.substring(0, EMBED_CHARS);
    }

    private static String normalise(String s) { return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT); }

    private static String opening(String answer) {
        Matcher m = OPENING.matcher(answer.strip());
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The facts an answer states, list numbering left out. */
    private static QueryFacts facts(String answer) {
        return QueryFacts.of(LIST_MARKER.matcher(answer).replaceAll(""));
    }

    /** "[a] vs [b]" when each side states something the other does not; null otherwise. */
    private static String contradiction(Set<String> a, Set<String> b) {
        var onlyA = new TreeSet<>(a);
        onlyA.removeAll(b);
        var onlyB = new TreeSet<>(b);
        onlyB.removeAll(a);
        return !onlyA.isEmpty() && !onlyB.isEmpty() ? onlyA + " vs " + onlyB : null;
    }
}
