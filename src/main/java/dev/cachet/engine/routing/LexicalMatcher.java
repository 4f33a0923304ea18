package dev.cachet.engine.routing;

import dev.cachet.engine.routing.text.AnalyzedText;
import dev.cachet.engine.routing.text.Folding;
import dev.cachet.engine.routing.text.TextAnalyzer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route's keywords, regexes and example utterances, compiled for matching: keywords as padded
 * phrases, examples as word sets. {@link #match} turns what occurs in a message into a score in [0, 1]
 * (independent pieces of evidence combine like probabilities: 1 − Π(1 − s)) and the words of the reason.
 */
final class LexicalMatcher {

    /** What one route found in one message. */
    record Evidence(double score, List<String> reasons) {
        static final Evidence NONE = new Evidence(0, List.of());
    }

    static final double REGEX = 0.85;
    static final double FIRST_KEYWORD = 0.7;
    static final double MORE_KEYWORDS = 0.3;
    static final double EXAMPLE_MIN_OVERLAP = 0.5;
    static final double EXAMPLE = 0.9;
    /** Whole-message routes: each content word the evidence does not explain divides the score by 1 + this. */
    static final double PER_UNEXPLAINED_WORD = 0.3;

    private final RouteDefinition route;
    private final List<String> keywords = new ArrayList<>();
    private final List<String[]> keywordWords = new ArrayList<>();
    /** Example utterances as word sets; {@link #postings} maps a word to the examples holding it. */
    private final List<String[]> examples = new ArrayList<>();
    private final java.util.Map<String, int[]> postings = new java.util.HashMap<>();
    /** One combined pattern over all regexes (one scan of the message), each regex its own capture group. */
    private final Pattern combined;
    private final int[] groupOf;

    LexicalMatcher(RouteDefinition route, TextAnalyzer analyzer) {
        this.route = route;
        for (String k : route.keywords()) {
            String[] words = analyzer.analyze(k).tokens();
            if (words.length == 0) continue;
            keywords.add(" " + String.join(" ", words) + " ");
            keywordWords.add(words);
        }
        var lists = new java.util.HashMap<String, List<Integer>>();
        for (String e : route.examples()) {
            String[] words = dedupe(analyzer.analyze(e).tokens());
            if (words.length == 0) continue;
            for (String w : words) lists.computeIfAbsent(w, k -> new ArrayList<>()).add(examples.size());
            examples.add(words);
        }
        lists.forEach((w, ids) -> postings.put(w, ids.stream().mapToInt(Integer::intValue).toArray()));
        groupOf = new int[route.regexes().size()];
        if (route.regexes().isEmpty()) {
            combined = null;
        } else {
            var sb = new StringBuilder();
            int group = 1;
            for (int i = 0; i < route.regexes().size(); i++) {
                Pattern p = route.regexes().get(i);
                if (i > 0) sb.append('|');
                sb.append('(').append(p.pattern()).append(')');
                groupOf[i] = group;
                group += 1 + p.matcher("").groupCount();
            }
            combined = Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
    }

    RouteDefinition route() { return route; }

    Evidence match(AnalyzedText text) {
        if (text.isEmpty()) return Evidence.NONE;
        double miss = 1;
        var reasons = new ArrayList<String>(3);
        Set<String> explained = route.wholeMessage() ? new HashSet<>() : null;

        if (combined != null) {
            boolean[] seen = new boolean[groupOf.length];
            Matcher m = combined.matcher(text.text());
            while (m.find()) {
                int which = 0;
                while (which < groupOf.length && m.start(groupOf[which]) < 0) which++;
                if (which == groupOf.length || seen[which]) continue;
                seen[which] = true;
                miss *= 1 - REGEX;
                if (reasons.size() < 3) reasons.add("regex /" + shorten(route.regexes().get(which).pattern()) + "/ matched '" + shorten(m.group()) + "'");
                if (explained != null) explainAll(explained, m.group());
            }
        }
        int hits = 0;
        for (int i = 0; i < keywords.size(); i++) {
            if (!text.hasPhrase(keywords.get(i))) continue;
            miss *= 1 - (hits == 0 ? FIRST_KEYWORD : MORE_KEYWORDS);
            hits++;
            if (reasons.size() < 3) reasons.add("keyword '" + keywords.get(i).strip() + "'");
            if (explained != null) java.util.Collections.addAll(explained, keywordWords.get(i));
        }
        double best = 0;
        String[] bestExample = null;
        if (!examples.isEmpty()) {
            String[] words = dedupe(text.tokens());
            int[] shared = new int[examples.size()];
            for (String w : words) {
                int[] ids = postings.get(w);
                if (ids != null) for (int id : ids) shared[id]++;
            }
            for (int id = 0; id < shared.length; id++) {
                if (shared[id] == 0) continue;
                double j = (double) shared[id] / (words.length + examples.get(id).length - shared[id]);
                if (j > best) {
                    best = j;
                    bestExample = examples.get(id);
                }
            }
        }
        if (best >= EXAMPLE_MIN_OVERLAP) {
            miss *= 1 - EXAMPLE * best;
            reasons.add("like example '" + shorten(String.join(" ", bestExample)) + "' (" + Math.round(best * 100) / 100.0 + ")");
            if (explained != null) java.util.Collections.addAll(explained, bestExample);
        }
        double score = (1 - miss) * route.weight();
        if (score <= 0) return Evidence.NONE;
        if (explained != null) {
            int unexplained = 0;
            for (int i = 0; i < text.size(); i++) if (text.isContent(i) && !explained.contains(text.tokens()[i])) unexplained++;
            if (unexplained > 0) {
                score /= 1 + PER_UNEXPLAINED_WORD * unexplained;
                reasons.add(unexplained + " word" + (unexplained == 1 ? "" : "s") + " beyond it");
            }
        }
        return new Evidence(Math.min(score, 0.99), List.copyOf(reasons));
    }

    private static void explainAll(Set<String> explained, String matched) {
        var sb = new StringBuilder();
        for (int i = 0; i <= matched.length(); i++) {
            char c = i < matched.length() ? matched.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c) || c == '\'') sb.append(Folding.fold(c));
            else if (!sb.isEmpty()) {
                explained.add(sb.toString());
                sb.setLength(0);
            }
        }
    }

    /** The words without repeats, in order (messages are short: a quadratic check beats a set). */
    private static String[] dedupe(String[] words) {
        String[] out = new String[words.length];
        int n = 0;
        outer:
        for (String w : words) {
            for (int i = 0; i < n; i++) if (out[i].equals(w)) continue outer;
            out[n++] = w;
        }
        return n == words.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }
}
