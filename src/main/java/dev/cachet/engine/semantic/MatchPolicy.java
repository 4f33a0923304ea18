package dev.cachet.engine.semantic;

import dev.cachet.engine.config.SemanticSettings;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a cached query's answer may be served for a new query, from their cosine and their
 * words. One fixed cosine threshold fails both ways (short texts score high whatever they mean;
 * heavily reworded paraphrases score low), so the threshold a pair must reach depends on how much
 * content the two queries do not share:
 * <ul>
 *   <li>{@code threshold} when the queries' content words are the same (reordered or reworded function words);</li>
 *   <li>plus {@code perDifference} for each content word only one of them has, capped at {@code maxThreshold};</li>
 *   <li>{@code shortThreshold} at least, when either query has at most {@code shortWords} content words.</li>
 * </ul>
 * Then the {@link QueryGuards} must agree (numbers, negation, names, identifiers, quotes).
 */
public final class MatchPolicy {

    /** What the policy made of one neighbour. */
    public sealed interface Verdict {
        double threshold();
        record Accept(double threshold, String reason) implements Verdict { }
        record Below(double threshold, String reason) implements Verdict { }
        record Veto(double threshold, GuardVeto veto) implements Verdict { }
    }

    /**
     * @param threshold      cosine needed when both queries use the same content words
     * @param perDifference  added per content word that only one query has
     * @param maxThreshold   the most any pair has to reach
     * @param shortWords     queries with at most this many content words count as short
     * @param shortThreshold the least a short query has to reach
     * @param guards         false only to measure the plain-threshold baseline
     */
    public record Settings(double threshold, double perDifference, double maxThreshold, int shortWords,
                           double shortThreshold, boolean guards) {
        public Settings {
            if (threshold <= 0 || threshold > 1) throw new IllegalArgumentException("semantic threshold must be within (0, 1], was " + threshold);
            if (perDifference < 0) throw new IllegalArgumentException("semantic perDifference must not be negative, was " + perDifference);
            if (maxThreshold < threshold || maxThreshold > 1) {
                throw new IllegalArgumentException("semantic maxThreshold must be within [threshold, 1], was " + maxThreshold);
            }
        }

        /** The plain "cosine >= t" rule (GPTCache's default is 0.8): the baseline in eval-cache. */
        public static Settings fixed(double t) { return new Settings(t, 0, t, 0, t, false); }

        public Settings withThreshold(double t) {
            double shift = t - threshold;
            return new Settings(t, perDifference, Math.min(1, Math.max(t, maxThreshold + shift)), shortWords,
                    Math.min(1, shortThreshold + shift), guards);
        }
    }

    /** The policy the settings describe (guards on). */
    public static Settings settingsOf(SemanticSettings s) {
        return new Settings(s.threshold(), s.perDifference(), s.maxThreshold(), s.shortWords(), s.shortThreshold(), true);
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> STOP = Set.of(("a an the of to in on at for from by with about as into onto is are was "
            + "were be been being am do does did doing have has had i me my mine we us our you your he him his she her it "
            + "its they them their this that these those there here what which who whom whose when where why how can "
            + "could should would will shall may might must and or but if then so than too very just also any some all "
            + "s t ll ve re d m get got").split(" "));

    private final Settings settings;
    private final QueryGuards guards;

    public MatchPolicy(Settings settings, QueryGuards guards) {
        this.settings = settings;
        this.guards = guards;
    }

    public Settings settings() { return settings; }
    public QueryGuards guards() { return guards; }

    public Verdict judge(String query, QueryFacts queryFacts, String cached, QueryFacts cachedFacts, float score) {
        Set<String> a = contentWords(query);
        Set<String> b = contentWords(cached);
        var onlyQuery = new TreeSet<>(a);
        onlyQuery.removeAll(b);
        var onlyCached = new TreeSet<>(b);
        onlyCached.removeAll(a);
        int differences = onlyQuery.size() + onlyCached.size();
        double t = Math.min(settings.maxThreshold(), settings.threshold() + settings.perDifference() * differences);
        boolean isShort = Math.min(a.size(), b.size()) <= settings.shortWords();
        if (isShort) t = Math.max(t, settings.shortThreshold());
        String why = differences == 0 ? "same content words" : differences + " differing content word" + (differences == 1 ? "" : "s")
                + (isShort ? ", short query" : "");
        if (score < t) return new Verdict.Below(t, why);
        if (settings.guards()) {
            Optional<GuardVeto> veto = guards.check(queryFacts, cachedFacts);
            if (veto.isPresent()) return new Verdict.Veto(t, veto.get());
        }
        return new Verdict.Accept(t, why);
    }

    /** True for the words {@link #contentWords} leaves out ("the", "how", "to", ...). */
    static boolean isFunctionWord(String lowerCaseWord) { return STOP.contains(lowerCaseWord); }

    /** Lower-cased words minus function words, lightly stemmed ("questions" = "question"). */
    static Set<String> contentWords(String text) {
        var out = new TreeSet<String>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (!STOP.contains(w)) out.add(stem(w));
        }
        return out;
    }

    static String stem(String w) {
        if (w.length() > 5 && w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
        if (w.length() > 5 && w.endsWith("ing")) return w.substring(0, w.length() - 3);
        if (w.length() > 4 && w.endsWith("ed")) return w.substring(0, w.length() - 2);
        if (w.length() > 4 && w.endsWith("es")) return w.substring(0, w.length() - 2);
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.substring(0, w.length() - 1);
        return w;
    }
}
