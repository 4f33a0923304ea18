package dev.cachet.engine.definitions;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "did you mean 'model'?": the known name closest to a mistyped one, when it is close enough to be a typo.
 * The one such helper in Cachet: definition files, cachet.yaml, routes files and template variables all ask it.
 */
public final class ClosestName {

    private ClosestName() { }

    public static Optional<String> to(String typed, Collection<String> known) {
        if (typed == null) return Optional.empty();
        String t = typed.toLowerCase(Locale.ROOT);
        // A typo (a swap counts 2) changes a few characters; past that, or for a name of one or two
        // letters, a suggestion is a guess.
        int limit = Math.min(t.length() - 1, t.length() <= 3 ? 1 : t.length() <= 8 ? 2 : 3);
        if (limit < 1) return Optional.empty();
        var distance = new LevenshteinDistance(limit);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            String kl = k.toLowerCase(Locale.ROOT);
            int d = kl.equals(t.replace('-', '_')) || kl.equals(t.replace("_", "")) ? 1 : distance.apply(t, kl);
            if (d >= 0 && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** " (did you mean 'x'?)" for a near miss, else " (known: a, b, c)": what follows "unknown field 'y'". */
    public static String hintOrKnown(String typed, Collection<String> known) {
        return to(typed, known).map(n -> " (did you mean '" + n + "'?)").orElse(" (known: " + String.join(", ", known) + ")");
    }
}
