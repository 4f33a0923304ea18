package dev.cachet.ui.chat;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.trace.Trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the badges under an answer say, taken from its result and trace.
 *
 * @param cache           "exact hit", "semantic hit", "miss", "cache skipped (regenerate)" or "no cache"
 * @param semantic        what the semantic level decided and why ("semantic 0.951 ≥ 0.905 · P(same) 0.97 · δ 2%",
 *                        "semantic explore: 0.912 · P(same) 0.64 · learning", "semantic miss: 0.926 < 0.970",
 *                        "semantic vetoed: numbers differ"), or null
 * @param ttftMs          time to first token, or null when nothing streamed
 * @param tokensPerSecond output tokens per second after the first token (model calls only), or null
 * @param savedUsd        what the model call would have cost had the cache not answered
 * @param ending          how the answer ended when that is not a plain stop ("refused · not cached",
 *                        "cut at 8192 tokens (default) · not cached"), else null
 * @param thinkingMs      time to the first thinking token of a thinking model, else null
 * @param route           the router's decision ("route data 0.86", "route greeting 0.80 · llm"), or null
 * @param complexity      the complexity level and what it bought ("simple · top_k 3 · 384 tok · small"), or null
 */
public record AnswerBadges(String cache, String semantic, boolean hit, String model, Double ttftMs, Double tokensPerSecond,
                           int tokensIn, int tokensOut, double costUsd, double savedUsd, String ending, Double thinkingMs,
                           String route, String complexity) {

    public static AnswerBadges of(ChatResult.Answered answer, CacheMode mode, PriceTable prices) {
        Trace trace = answer.trace();
        boolean hit = answer.source().fromCache();
        String cache;
        if (hit || answer.source() == AnswerSource.DATA) cache = answer.source().label();
        else if (mode == CacheMode.REFRESH) cache = "cache skipped (regenerate)";
        else if (mode == CacheMode.BYPASS) cache = "cache bypassed";
        else if (trace.entries().stream().anyMatch(e -> "miss".equals(e.decision()))) cache = "miss";
        else cache = "no cache";
        Double ttft = trace.timeToFirstToken().map(AnswerBadges::millis).orElse(null);
        Double tps = null;
        if (!hit && answer.usage().outputTokens() > 1 && trace.total().isPresent() && trace.timeToFirstToken().isPresent()) {
            double streamSeconds = trace.total().get().minus(trace.timeToFirstToken().get()).toNanos() / 1e9;
            if (streamSeconds > 0) tps = (answer.usage().outputTokens() - 1) / streamSeconds;
        }
        double saved = hit ? prices.cost(answer.model(), answer.usage()) : 0;
        return new AnswerBadges(cache, semanticLevel(trace), hit, answer.model().toString(), ttft, tps,
                answer.usage().inputTokens(), answer.usage().outputTokens(), trace.costUsd(), saved, ending(answer),
                trace.timeToFirstThinking().map(AnswerBadges::millis).orElse(null), route(trace), complexity(trace));
    }

    /** Badges of a stored answer, from the facts saved with it. */
    public static AnswerBadges of(dev.cachet.engine.store.AnswerFacts f, PriceTable prices) {
        boolean hit = f.source().fromCache();
        Double tps = null;
        if (!hit && f.ttftMs() != null && f.totalMs() != null && f.totalMs() > f.ttftMs() && f.usage().outputTokens() > 1) {
            tps = (f.usage().outputTokens() - 1) / ((f.totalMs() - f.ttftMs()) / 1000.0);
        }
        return new AnswerBadges(hit ? f.source().label() : "model call", null, hit, f.model().toString(),
                f.ttftMs() == null ? null : f.ttftMs().doubleValue(), tps, f.usage().inputTokens(), f.usage().outputTokens(),
                f.costUsd(), hit ? prices.cost(f.model(), f.usage()) : 0, null, null, null, null);
    }

    /** What a badge says about an answer that did not simply stop; null when it did. */
    static String ending(ChatResult.Answered answer) {
        FinishReason finish = answer.finish();
        if (finish == FinishReason.STOP) return null;
        boolean notCached = answer.trace().entry("generate").map(e -> "false".equals(e.details().get("cacheable"))).orElse(false);
        String kept = notCached ? " · not cached" : "";
        if (finish == FinishReason.LENGTH) {
            String max = answer.trace().entry("resolve").map(e -> e.details().get("maxTokens")).orElse("");
            int space = max.indexOf(' ');
            if (space < 1 || !Character.isDigit(max.charAt(0))) return "cut by the server's output limit" + kept;
            return "cut at " + max.substring(0, space) + " tokens" + (max.contains("asked") ? " (asked)" : " (default)") + kept;
        }
        return finish.label() + kept;
    }


    /** The badges in display order. */
    public List<Badge> badges() {
        var out = new ArrayList<Badge>();
        out.add(new Badge(cache, hit ? Badge.Kind.HIT : Badge.Kind.MISS));
        if (semantic != null) out.add(Badge.plain(semantic));
        if (ending != null) out.add(new Badge(ending, Badge.Kind.WARNING));
        if (route != null) out.add(new Badge(route, Badge.Kind.ROUTE));
        if (complexity != null) out.add(new Badge(complexity, Badge.Kind.ROUTE));
        out.add(Badge.plain(model));
        if (thinkingMs != null) out.add(Badge.plain("thinking from " + ms(thinkingMs)));
        if (ttftMs != null) out.add(Badge.plain("TTFT " + ms(ttftMs)));
        if (tokensPerSecond != null) out.add(Badge.plain(String.format(Locale.ROOT, "%.0f tok/s", tokensPerSecond)));
        out.add(Badge.plain(tokensIn + " in / " + tokensOut + " out"));
        out.add(Badge.plain("cost " + usd(costUsd)));
        if (hit) out.add(Badge.plain("saved " + usd(savedUsd)));
        return out;
    }

    /** The semantic stage's decision in a few words, from its trace entry (score, threshold, guard). */
    static String semanticLevel(Trace trace) {
        return trace.entry("semantic").map(e -> {
            var d = e.details();
            return switch (e.decision()) {
                case "hit" -> "semantic " + d.getOrDefault("score", "?") + " ≥ " + d.getOrDefault("threshold", "?") + estimate(d);
                case "explore" -> "semantic explore: " + d.getOrDefault("score", "?") + estimate(d) + " · learning";
                case "miss" -> d.containsKey("score") && d.containsKey("threshold")
                        ? "semantic miss: " + d.get("score") + " < " + d.get("threshold") + estimate(d)
                        : d.containsKey("score") ? "semantic miss: " + d.get("score") + estimate(d)
                        : e.reason().contains("still loading") ? "semantic miss: embedding model still loading"
                        : "semantic miss: nothing similar cached";
                case "vetoed" -> "semantic vetoed: " + shortReason(d.getOrDefault("guardReason", d.getOrDefault("guard", e.reason())));
                case "skipped" -> "semantic skipped: " + shortReason(e.reason());
                default -> "semantic " + e.decision();
            };
        }).orElse(null);
    }

    /** " · P(same) 0.97 · δ 2%" from the calibration's trace details (empty under the fixed policy or while warming up). */
    private static String estimate(java.util.Map<String, String> d) {
        var sb = new StringBuilder();
        if (d.containsKey("pSame")) sb.append(" · P(same) ").append(String.format(Locale.ROOT, "%.2f", Double.parseDouble(d.get("pSame"))));
        if ("warming up".equals(d.get("phase"))) sb.append(" · warming up");
        if (d.containsKey("errorBound")) {
            double pct = Double.parseDouble(d.get("errorBound")) * 100;
            sb.append(" · δ ").append(pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f%%", pct) : String.format(Locale.ROOT, "%.1f%%", pct));
        }
        return sb.toString();
    }

    /** The route stage's decision: route, confidence, and who decided when it was not the heuristic alone. */
    static String route(Trace trace) {
        return trace.entry("route").filter(e -> e.details().containsKey("route")).map(e -> {
            var d = e.details();
            String method = d.getOrDefault("method", "heuristic");
            return "route " + d.get("route") + " " + d.getOrDefault("confidence", "?").substring(0, Math.min(4, d.getOrDefault("confidence", "?").length()))
                    + (method.equals("heuristic") ? "" : " · " + method);
        }).orElse(null);
    }

    /** The complexity stage's level and what it bought (top_k, answer budget, tier). */
    static String complexity(Trace trace) {
        return trace.entry("complexity").filter(e -> e.details().containsKey("level")).map(e -> {
            var d = e.details();
            String tokens = d.getOrDefault("maxTokens", "?");
            int space = tokens.indexOf(' ');
            var sb = new StringBuilder(d.get("level"));
            if ("true".equals(d.get("skipRetrieval"))) sb.append(" · no retrieval");
            else sb.append(" · top_k ").append(d.getOrDefault("topK", "?"));
            sb.append(" · ").append(space > 0 ? tokens.substring(0, space) : tokens).append(" tok");
            String tier = d.get("tier");
            if (tier != null && !tier.equals("none")) sb.append(" · ").append(tier);
            return sb.toString();
        }).orElse(null);
    }

    /** The part of a reason before its explanation, short enough for a badge. */
    private static String shortReason(String reason) {
        int colon = reason.indexOf(':');
        String head = colon > 0 ? reason.substring(0, colon) : reason;
        return head.length() > 48 ? head.substring(0, 47) + "…" : head;
    }

    static String ms(double millis) {
        return millis < 10 ? String.format(Locale.ROOT, "%.1f ms", millis) : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    static String usd(double usd) {
        if (usd == 0) return "$0";
        return usd < 0.01 ? String.format(Locale.ROOT, "$%.6f", usd) : String.format(Locale.ROOT, "$%.4f", usd);
    }

    private static double millis(Duration d) { return d.toNanos() / 1e6; }
}
