package dev.cachet.engine.provider.http;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rate-limit budgets a server reported in its response headers, success or refusal:
 * OpenAI's {@code x-ratelimit-limit-requests}, {@code -remaining-tokens}, {@code -reset-tokens} (a Go
 * duration such as {@code 6m0s}, {@code 1.5s}, {@code 20ms}) and Anthropic's
 * {@code anthropic-ratelimit-input-tokens-limit}, {@code -remaining}, {@code -reset} (an RFC 3339 time).
 * Kept on every response and failure so that limits can follow what the server says.
 *
 * @param budgets one per budget name ("requests", "tokens", "input-tokens", ...), in header order
 */
public record RateLimits(List<Budget> budgets) {

    /**
     * One budget. Null fields were not sent.
     *
     * @param resetIn how long until the budget is back to its limit
     */
    public record Budget(String name, Long limit, Long remaining, Duration resetIn) {
        public boolean exhausted() { return remaining != null && remaining <= 0; }
    }

    public static final RateLimits NONE = new RateLimits(List.of());

    private static final Pattern OPENAI = Pattern.compile("x-ratelimit-(limit|remaining|reset)-(.+)");
    private static final Pattern ANTHROPIC = Pattern.compile("anthropic-ratelimit-(.+)-(limit|remaining|reset)");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|ns)");

    public RateLimits { budgets = List.copyOf(budgets); }

    /** The budgets in {@code headers}; unreadable values are left out, never guessed. */
    public static RateLimits parse(Map<String, List<String>> headers, Instant now) {
        var fields = new LinkedHashMap<String, Map<String, String>>();
        headers.forEach((name, values) -> {
            if (name == null || values == null || values.isEmpty()) return;
            String lower = name.toLowerCase(Locale.ROOT);
            Matcher m = OPENAI.matcher(lower);
            if (m.matches()) {
                fields.computeIfAbsent(m.group(2), k -> new LinkedHashMap<>()).put(m.group(1), values.getFirst().strip());
                return;
            }
            m = ANTHROPIC.matcher(lower);
            if (m.matches()) fields.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).put(m.group(2), values.getFirst().strip());
        });
        var out = new ArrayList<Budget>();
        fields.forEach((budget, f) -> out.add(new Budget(budget, number(f.get("limit")), number(f.get("remaining")),
                reset(f.get("reset"), now))));
        return new RateLimits(out);
    }

    public Optional<Budget> budget(String name) {
        return budgets.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /**
     * How long until every exhausted budget has refilled (the longest of their resets); null when no
     * budget is exhausted or none of the exhausted ones says when it resets.
     */
    public Duration waitForExhausted() {
        Duration wait = null;
        for (Budget b : budgets) {
            if (b.exhausted() && b.resetIn() != null && (wait == null || b.resetIn().compareTo(wait) > 0)) wait = b.resetIn();
        }
        return wait;
    }

    /** "tokens 0/200000 (reset 1.5 s), requests 4998/5000": for traces. */
    public String summary() {
        var parts = new ArrayList<String>();
        for (Budget b : budgets) {
            String used = (b.remaining() == null ? "?" : b.remaining()) + "/" + (b.limit() == null ? "?" : b.limit());
            parts.add(b.name() + " " + used + (b.resetIn() == null ? "" : " (reset " + b.resetIn().toMillis() + " ms)"));
        }
        return String.join(", ", parts);
    }

    private static Long number(String v) {
        if (v == null) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A Go duration ("6m0s", "1.5s", "20ms"), bare seconds ("20"), or an RFC 3339 time (Anthropic). */
    static Duration reset(String v, Instant now) {
        if (v == null || v.isBlank()) return null;
        if (v.indexOf('T') > 0) {
            try {
                Duration d = Duration.between(now, OffsetDateTime.parse(v).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 ? null : Duration.ofNanos(Math.round(seconds * 1e9));
        } catch (NumberFormatException notBare) {
            return goDuration(v);
        }
    }

    /** Go's time.Duration.String(): a sequence of number+unit, e.g. "1h2m3.5s". */
    static Duration goDuration(String v) {
        Matcher m = GO_DURATION.matcher(v);
        int at = 0;
        double nanos = 0;
        while (m.find()) {
            if (m.start() != at) return null;
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
            at = m.end();
        }
        return at == v.length() && at > 0 ? Duration.ofNanos(Math.round(nanos)) : null;
    }
}
