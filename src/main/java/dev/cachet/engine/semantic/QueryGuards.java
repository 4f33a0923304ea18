package dev.cachet.engine.semantic;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks, before a semantic hit is served, that the facts embeddings blur are the same in the new
 * query and the cached one. Any difference vetoes the hit: a miss costs one model call, a wrong
 * answer costs the user's trust.
 */
public final class QueryGuards {

    /** The first guard that vetoes serving {@code cached}'s answer to {@code query}, if any. */
    public Optional<GuardVeto> check(QueryFacts query, QueryFacts cached) {
        if (!query.numbers().equals(cached.numbers())) {
            return veto("numbers", "numbers differ: " + query.numbers() + " vs " + cached.numbers());
        }
        if ((query.negations() > 0) != (cached.negations() > 0)) {
            return veto("negation", query.negations() > 0 ? "the query negates, the cached one does not"
                    : "the cached query negates, this one does not");
        }
        if (!query.identifiers().equals(cached.identifiers())) {
            return veto("identifiers", "code identifiers differ: " + query.identifiers() + " vs " + cached.identifiers());
        }
        if (!query.quoted().equals(cached.quoted())) {
            return veto("quoted", "quoted strings differ: " + query.quoted() + " vs " + cached.quoted());
        }
        var missing = unmatched(query.entities(), cached.words());
        var extra = unmatched(cached.entities(), query.words());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            return veto("entities", "names differ: " + describe(missing, extra));
        }
        return Optional.empty();
    }

    /** Names of one text that the other text does not mention at all (in any casing). */
    private static Set<String> unmatched(Set<String> entities, Set<String> otherWords) {
        var out = new TreeSet<String>();
        for (String e : entities) if (!otherWords.contains(e)) out.add(e);
        return out;
    }

    private static String describe(Set<String> onlyQuery, Set<String> onlyCached) {
        if (onlyCached.isEmpty()) return "only the query names " + onlyQuery;
        if (onlyQuery.isEmpty()) return "only the cached query names " + onlyCached;
        return onlyQuery + " vs " + onlyCached;
    }

    private static Optional<GuardVeto> veto(String guard, String reason) {
        return Optional.of(new GuardVeto(guard, reason));
    }
}
