package dev.cachet.faults;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A server-side request budget: a token bucket of {@code burst} refilled at {@code perSecond}, reported
 * the way OpenAI reports its own on every response ({@code x-ratelimit-limit-requests},
 * {@code -remaining-requests}, {@code -reset-requests} as a Go duration), with {@code retry-after-ms}
 * and {@code retry-after} on a refusal.
 */
final class ServerBudget {

    record Verdict(boolean allowed, Map<String, String> headers) { }

    private final double perSecond;
    private final int burst;
    private double tokens;
    private long refilledAt = System.nanoTime();

    ServerBudget(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    synchronized Verdict take() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        boolean allowed = tokens >= 1;
        if (allowed) tokens -= 1;
        var headers = new LinkedHashMap<String, String>();
        headers.put("x-ratelimit-limit-requests", Integer.toString(burst));
        headers.put("x-ratelimit-remaining-requests", Long.toString((long) Math.floor(tokens)));
        // Time until the bucket is full again, as OpenAI writes it ("1.5s", "120ms").
        double fullIn = (burst - tokens) / perSecond;
        headers.put("x-ratelimit-reset-requests", fullIn >= 1 ? String.format(Locale.ROOT, "%.3fs", fullIn)
                : Math.max(1, Math.round(fullIn * 1000)) + "ms");
        if (!allowed) {
            long ms = Math.max(1, Math.round((1 - tokens) / perSecond * 1000));
            headers.put("retry-after-ms", Long.toString(ms));
            headers.put("retry-after", Long.toString(Math.max(1, (ms + 999) / 1000)));
        }
        return new Verdict(allowed, headers);
    }
}
