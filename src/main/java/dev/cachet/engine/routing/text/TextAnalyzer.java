package dev.cachet.engine.routing.text;

import org.tartarus.snowball.SnowballStemmer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a message into folded tokens, guesses its language (English unless Spanish cues win), stems
 * the tokens with that language's Snowball stemmer and counts the layout facts (lines, list items,
 * questions, code fences). Stateless and thread-safe; one call allocates only what it returns.
 */
public final class TextAnalyzer {

    /** Messages longer than this are read only this far: routing needs the gist, not a whole document. */
    static final int MAX_CHARS = 4_000;

    private static final java.util.regex.Pattern NUMBERED_ITEM = java.util.regex.Pattern.compile("\\d{1,2}[.)]\\s.*");

    public AnalyzedText analyze(String text) {
        String t = text == null ? "" : text;
        String head = t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
        List<String> tokens = tokenize(head);
        Language language = guessLanguage(head, tokens);
        int n = tokens.size();
        String[] tok = tokens.toArray(new String[0]);
        String[] stems = new String[n];
        boolean[] stop = new boolean[n];
        SnowballStemmer stemmer = language.stemmer();
        var padded = new StringBuilder(head.length() + 2).append(' ');
        for (int i = 0; i < n; i++) {
            String w = tok[i];
            stop[i] = language.isStopWord(w);
            stems[i] = stem(stemmer, w);
            padded.append(w).append(' ');
        }
        Layout layout = layout(t);
        return new AnalyzedText(t, tok, stems, stop, padded.toString(), language, layout.questionMarks, layout.quoted,
                layout.lines, layout.listLines, layout.sentences, layout.codeBlocks);
    }

    /** The Snowball stem of a word; numbers and words with an apostrophe stay as they are. */
    static String stem(SnowballStemmer stemmer, String word) {
        char c = word.charAt(0);
        if ((c >= '0' && c <= '9') || word.length() < 3 || word.indexOf('\'') >= 0) return word;
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    /** Stems a word the way {@link #analyze} stems a token of a text in {@code language}. */
    public static String stem(Language language, String foldedWord) {
        return stem(language.stemmer(), foldedWord);
    }

    /** Letters and digits; an apostrophe inside a word and a '.' or ',' between digits stay in it. */
    static List<String> tokenize(String s) {
        var out = new ArrayList<String>();
        int n = s.length();
        var sb = new StringBuilder(24);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Folding.fold(c));
                continue;
            }
            boolean inside = !sb.isEmpty() && i + 1 < n && Character.isLetterOrDigit(s.charAt(i + 1));
            if (inside && (c == '\'' || c == '’') && Character.isLetter(s.charAt(i + 1))) {
                sb.append('\'');
                continue;
            }
            if (inside && (c == '.' || c == ',') && Character.isDigit(s.charAt(i - 1)) && Character.isDigit(s.charAt(i + 1))) {
                sb.append(c);
                continue;
            }
            if (!sb.isEmpty()) {
                out.add(sb.toString());
                sb.setLength(0);
            }
        }
        if (!sb.isEmpty()) out.add(sb.toString());
        return out;
    }

    /** Spanish when its stop words (or ¿ ¡ ñ) outnumber English ones; English otherwise. */
    static Language guessLanguage(String text, List<String> tokens) {
        int es = 0;
        int en = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '¿' || c == '¡' || c == 'ñ' || c == 'Ñ') es += 2;
        }
        for (String w : tokens) {
            boolean isEs = Language.SPANISH.isStopWord(w) || Language.SPANISH.lexicon().interrogatives().contains(w);
            boolean isEn = Language.ENGLISH.isStopWord(w) || Language.ENGLISH.lexicon().interrogatives().contains(w);
            if (isEs && !isEn) es++;
            else if (isEn && !isEs) en++;
        }
        return es > en ? Language.SPANISH : Language.ENGLISH;
    }

    private record Layout(int questionMarks, int quoted, int lines, int listLines, int sentences, int codeBlocks) { }

    private static Layout layout(String s) {
        int questions = 0;
        int quotes = 0;
        int sentences = 0;
        int fences = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '?' -> questions++;
                case '"', '“', '”' -> quotes++;
                default -> { }
            }
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == s.length() || Character.isWhitespace(s.charAt(i + 1)))) sentences++;
            if (c == '`' && s.startsWith("```", i)) {
                fences++;
                i += 2;
            }
        }
        int lines = 0;
        int listLines = 0;
        for (String line : s.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            lines++;
            if (l.startsWith("- ") || l.startsWith("* ") || l.startsWith("• ") || NUMBERED_ITEM.matcher(l).matches()) listLines++;
        }
        boolean ends = !s.isBlank() && ".!?".indexOf(s.strip().charAt(s.strip().length() - 1)) >= 0;
        return new Layout(questions, quotes / 2, lines, listLines, Math.max(sentences + (ends ? 0 : (s.isBlank() ? 0 : 1)), 0), fences / 2);
    }
}
