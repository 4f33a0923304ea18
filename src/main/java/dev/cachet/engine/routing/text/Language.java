package dev.cachet.engine.routing.text;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A language the router reads: its stop words and stemmer come from Lucene (Snowball lists and
 * stemmers), its question cues from {@link Lexicon}. Stop words and lexicon entries are accent-folded
 * ("cuántos" and "cuantos" are one word), because people type both.
 */
public enum Language {
    ENGLISH("en", "english_stop.txt", EnglishStemmer::new, Lexicon.english()),
    SPANISH("es", "spanish_stop.txt", SpanishStemmer::new, Lexicon.spanish());

    private final String code;
    private final Set<String> stopWords;
    private final Supplier<SnowballStemmer> stemmers;
    private final Lexicon lexicon;

    Language(String code, String stopFile, Supplier<SnowballStemmer> stemmers, Lexicon lexicon) {
        this.code = code;
        this.stopWords = loadStopWords(stopFile);
        this.stemmers = stemmers;
        this.lexicon = lexicon;
    }

    public String code() { return code; }
    public Lexicon lexicon() { return lexicon; }

    /** Accent-folded, lower-case. */
    public boolean isStopWord(String folded) { return stopWords.contains(folded); }

    /** A new stemmer: Snowball stemmers keep state, so each analysis takes its own. */
    public SnowballStemmer stemmer() { return stemmers.get(); }

    private static Set<String> loadStopWords(String file) {
        String path = "/org/apache/lucene/analysis/snowball/" + file;
        try (InputStream in = WordlistLoader.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("Lucene stop list missing from the class path: " + path);
            CharArraySet set = WordlistLoader.getSnowballWordSet(new InputStreamReader(in, StandardCharsets.UTF_8));
            var out = new HashSet<String>();
            for (Object o : set) out.add(Folding.fold(new String((char[]) o)));
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
