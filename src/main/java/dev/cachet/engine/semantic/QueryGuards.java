package dev.cachet.engine.semantic;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks, before a semantic hit is served, that the facts embeddings blur are the same in the new
 * query and the cached one. A veto is final: learning never overrides it.
 *
 * <p>Two kinds of difference. A <b>contradiction</b> (each text states a fact the other does not:
 * 2016 vs 2017, India vs London, `HashMap` vs `TreeMap`, "miles to km" vs "km to miles") vetoes
 * whatever the length. An <b>omission</b> (one text states a number, name, identifier or quote the
 * other leaves out) vetoes only short texts, where each fact is much of the question (at most
 * {@value #SHORT_WORDS} content words in the shorter one); longer texts reword and drop details
 * ("I am 25 and ..." / "I'm in my twenties ..."), and there the learned threshold weighs the score.
 * A negation present in one text only vetoes when it is in a short question (at most
 * {@value #SHORT_WORDS} content words: the negation is the question), or in a one-sentence one (at most
 * {@value #SENTENCE_WORDS}) whose negated words the other text has un-negated (a flipped fact: "a
 * cough and a fever" / "a cough but no fever"). In a longer description, a negation is a detail
 * ("I never went back", "no fever") that rewording moves around.
 */
public final class QueryGuards {

    static final int SHORT_WORDS = 6;
    static final int SENTENCE_WORDS = 12;

    /** The first guard that vetoes serving {@code cached}'s answer to {@code query}, if any. */
    public Optional<GuardVeto> check(QueryFacts query, QueryFacts cached) {
        int shorter = Math.min(query.content().size(), cached.content().size());
        boolean isShort = shorter <= SHORT_WORDS;
        Optional<GuardVeto> v = differ("numbers", "numbers", query.numbers(), cached.numbers(), cached.numbers(), query.numbers(), isShort);
        if (v.isPresent()) return v;
        if ((query.negations() > 0) != (cached.negations() > 0)) {
            QueryFacts negating = query.negations() > 0 ? query : cached, other = negating == query ? cached : query;
            var flipped = new TreeSet<>(negating.negated());
            flipped.retainAll(other.content());
            int size = negating.content().size();
            if (size <= SHORT_WORDS || size <= SENTENCE_WORDS && !flipped.isEmpty()) {
                String who = negating == query ? "the query negates, the cached one does not" : "the cached query negates, this one does not";
                return veto("negation", flipped.isEmpty() ? who : who + ": " + flipped);
            }
        }
        v = differ("identifiers", "code identifiers", query.identifiers(), cached.identifiers(), cached.identifiers(),
                query.identifiers(), isShort);
        if (v.isPresent()) return v;
        v = differ("quoted", "quoted strings", query.quoted(), cached.quoted(), cached.quoted(), query.quoted(), isShort);
        if (v.isPresent()) return v;
        // Names are matched against every word of the other text, so that casing alone ("trump" / "Trump") never vetoes.
        v = differ("entities", "names", query.entities(), cached.entities(), cached.words(), query.words(), isShort);
        if (v.isPresent()) return v;
        String swap = WordRoles.swapped(query.roles(), cached.roles());
        if (swap != null) return veto("direction", "same words in swapped roles: " + arrow(swap) + " vs " + reversed(swap));
        return Optional.empty();
    }

    /** Facts of each text missing from the other: both sides → contradiction; one side → omission (vetoes short texts). */
    private static Optional<GuardVeto> differ(String guard, String what, Set<String> mine, Set<String> theirs,
                                              Set<String> theirWords, Set<String> myWords, boolean isShort) {
        var onlyMine = unmatched(mine, theirWords);
        var onlyTheirs = unmatched(theirs, myWords);
        if (!onlyMine.isEmpty() && !onlyTheirs.isEmpty()) return veto(guard, what + " differ: " + onlyMine + " vs " + onlyTheirs);
        if (!isShort) return Optional.empty();
        if (!onlyMine.isEmpty()) return veto(guard, what + " differ: only the query has " + onlyMine + " (short query)");
        if (!onlyTheirs.isEmpty()) return veto(guard, what + " differ: only the cached query has " + onlyTheirs + " (short query)");
        return Optional.empty();
    }

    private static Set<String> unmatched(Set<String> facts, Set<String> other) {
        var out = new TreeSet<String>();
        for (String f : facts) if (!other.contains(f)) out.add(f);
        return out;
    }

    private static String arrow(String pair) { return pair.substring(pair.indexOf(':') + 1).replace(">", " → "); }

    private static String reversed(String pair) {
        String p = pair.substring(pair.indexOf(':') + 1);
        int gt = p.indexOf('>');
        return p.substring(gt + 1) + " → " + p.substring(0, gt);
    }

    private static Optional<GuardVeto> veto(String guard, String reason) {
        return Optional.of(new GuardVeto(guard, reason));
    }
}
