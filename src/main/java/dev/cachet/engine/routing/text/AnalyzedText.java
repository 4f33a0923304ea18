package dev.cachet.engine.routing.text;

/**
 * A message as the router reads it: folded tokens, their stems, which are stop words, the language,
 * and the layout facts the complexity analyzer needs. Built once per message by {@link TextAnalyzer}.
 *
 * @param text          the message as typed
 * @param tokens        lower-case, accent-folded words and numbers, in order
 * @param stems         the language's Snowball stem of each token (numbers unchanged)
 * @param stop          whether each token is a stop word of the language
 * @param padded        the tokens joined by single spaces with a space at each end, for phrase look-ups
 * @param questionMarks question marks ('?') in the text
 * @param quoted        quoted stretches ("…", '…', “…”)
 * @param lines         non-blank lines
 * @param listLines     lines that start like a list item ("- ", "* ", "1. ", "2) ")
 * @param sentences     sentences, counted by their end marks
 * @param codeBlocks    fenced code blocks (```)
 */
public record AnalyzedText(String text, String[] tokens, String[] stems, boolean[] stop, String padded, Language language,
                           int questionMarks, int quoted, int lines, int listLines, int sentences, int codeBlocks) {

    public int size() { return tokens.length; }

    public boolean isEmpty() { return tokens.length == 0; }

    public Lexicon lexicon() { return language.lexicon(); }

    /** Whether a padded phrase (" how many ") occurs on token boundaries. */
    public boolean hasPhrase(String paddedPhrase) { return padded.contains(paddedPhrase); }

    /** Whether the message starts with a padded phrase. */
    public boolean startsWithPhrase(String paddedPhrase) { return padded.startsWith(paddedPhrase); }

    /** The first phrase of {@code phrases} (padded) that occurs, or null. */
    public String firstPhrase(java.util.Set<String> phrases) {
        for (String p : phrases) if (padded.contains(p)) return p.strip();
        return null;
    }

    /** Index of the first token in {@code words}, or -1. */
    public int indexOf(java.util.Set<String> words) {
        for (int i = 0; i < tokens.length; i++) if (words.contains(tokens[i])) return i;
        return -1;
    }

    /** How many tokens are in {@code words}. */
    public int count(java.util.Set<String> words) {
        int n = 0;
        for (String t : tokens) if (words.contains(t)) n++;
        return n;
    }

    /** Whether token {@code i} is a number (digits, with a decimal point or thousands separators). */
    public boolean isNumber(int i) {
        String t = tokens[i];
        char c = t.charAt(0);
        return c >= '0' && c <= '9';
    }

    /** A four-digit year between 1900 and 2099. */
    public boolean isYear(int i) {
        String t = tokens[i];
        return t.length() == 4 && (t.startsWith("19") || t.startsWith("20")) && Character.isDigit(t.charAt(2)) && Character.isDigit(t.charAt(3));
    }

    /** Tokens that carry meaning: not stop words, not numbers, at least two letters. */
    public boolean isContent(int i) {
        return !stop[i] && tokens[i].length() > 1 && !isNumber(i);
    }
}
