package dev.cachet.engine.config;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The known name a typo most likely meant ("tokensPerSecnd" → "tokensPerSecond"), for "did you mean" hints. */
public final class ClosestName {

    private ClosestName() { }

    /** The nearest of {@code known} by edit distance (case ignored), if it is near enough to be a typo: at most a third of the word. */
    public static Optional<String> to(String typed, Collection<String> known) {
        if (typed == null || typed.isBlank()) return Optional.empty();
        String t = typed.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, t.length() / 3);
        var distance = new LevenshteinDistance(allowed);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance.apply(t, k.toLowerCase(Locale.ROOT));
            if (d >= 0 && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** " — did you mean 'x'?" or "". */
    public static String hint(String typed, Collection<String> known) {
        return to(typed, known).map(k -> " — did you mean '" + k + "'?").orElse("");
    }
}
