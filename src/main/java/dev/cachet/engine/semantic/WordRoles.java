package dev.cachet.engine.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which content words stand on which side of a directional word: "miles to km" gives miles → km,
 * "from English to French" gives english → french, "Python faster than Java" gives python → java,
 * "X vs Y" gives x → y. Embeddings barely see the order ("Convert 10 miles to km" and "Convert 10 km
 * to miles" score 0.987), so the guards compare these roles instead.
 *
 * <p>Each directional word pairs the (at most) two nearest content words before it with the two
 * nearest after it, within its sentence; "from" marks its right side as the source. The windows
 * produce some loose pairs; the guard only acts on a pair one text has and the other has reversed
 * but not also in the original order.
 */
final class WordRoles {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+|[.!?;\\n]");
    private static final Map<String, String> FAMILY = Map.of(
            "to", "direction", "into", "direction", "onto", "direction", "toward", "direction", "towards", "direction",
            "from", "direction", "than", "comparison", "vs", "versus", "versus", "versus");
    private static final Set<String> SENTENCE_END = Set.of(".", "!", "?", ";", "\n");
    private static final int WINDOW = 2;

    private WordRoles() { }

    /** Directed pairs as {@code family:first>second}, words lower-cased and stemmed. */
    static Set<String> of(String text) {
        var tokens = new ArrayList<String>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) tokens.add(m.group());
        var out = new TreeSet<String>();
        for (int i = 0; i < tokens.size(); i++) {
            String family = FAMILY.get(tokens.get(i));
            if (family == null) continue;
            List<String> before = near(tokens, i, -1);
            List<String> after = near(tokens, i, +1);
            boolean sourceAfter = tokens.get(i).equals("from");
            for (String b : before) {
                for (String a : after) {
                    if (b.equals(a)) continue;
                    out.add(family + ":" + (sourceAfter ? a + ">" + b : b + ">" + a));
                }
            }
        }
        return out;
    }

    /** Up to {@link #WINDOW} content words next to {@code at}, walking in {@code step}, within the sentence. */
    private static List<String> near(List<String> tokens, int at, int step) {
        var out = new ArrayList<String>(WINDOW);
        for (int j = at + step; j >= 0 && j < tokens.size() && out.size() < WINDOW; j += step) {
            String t = tokens.get(j);
            if (SENTENCE_END.contains(t)) break;
            if (FAMILY.containsKey(t) || MatchPolicy.isFunctionWord(t)) continue;
            out.add(MatchPolicy.stem(t));
        }
        return out;
    }

    /** A pair of {@code mine} whose words {@code theirs} has the other way round (and not also this way), if any. */
    static String swapped(Set<String> mine, Set<String> theirs) {
        for (String pair : mine) {
            int colon = pair.indexOf(':');
            int arrow = pair.indexOf('>', colon);
            String reversed = pair.substring(0, colon + 1) + pair.substring(arrow + 1) + ">" + pair.substring(colon + 1, arrow);
            if (theirs.contains(reversed) && !theirs.contains(pair) && !mine.contains(reversed)) return pair;
        }
        return null;
    }
}
