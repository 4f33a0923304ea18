package dev.cachet.ui.settings;

import dev.cachet.engine.config.DurationText;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.config.ProviderResilience;

import java.time.Duration;
import java.util.List;

/**
 * A provider's limits, retries and timeouts as edited in Settings: each a text field whose message says
 * what is wrong with it. Per-model limits are kept as the file has them (edited in cachet.yaml).
 */
public final class ResilienceForm {

    private static <T> T check(SettingField f, java.util.function.Supplier<T> parse) { return SettingsViewModel.check(f, parse); }

    private final ProviderConfig original;
    private final SettingField connect;
    private final SettingField firstToken;
    private final SettingField stall;
    private final SettingField total;
    private final SettingField attempts;
    private final SettingField breakerThreshold;
    private final SettingField breakerCoolDown;
    private final SettingField tokensPerMinute;
    private final SettingField concurrency;
    private final SettingField queueWait;

    ResilienceForm(ProviderConfig c) {
        this.original = c;
        ProviderResilience r = c.resilience();
        connect = new SettingField("Connect timeout", DurationText.format(r.timeouts().connect()));
        firstToken = new SettingField("First-token timeout", DurationText.format(c.firstTokenTimeout()));
        stall = new SettingField("Stall timeout", DurationText.format(c.timeout()));
        total = new SettingField("Total timeout", r.timeouts().total().isZero() ? "none" : DurationText.format(r.timeouts().total()));
        attempts = new SettingField("Attempts", Integer.toString(r.retry().maxAttempts()));
        breakerThreshold = new SettingField("Failures that open the breaker", Integer.toString(r.breaker().failureThreshold()));
        breakerCoolDown = new SettingField("Breaker cool-down", DurationText.format(r.breaker().coolDown()));
        tokensPerMinute = new SettingField("Tokens/min", r.limits().tokensPerMinute() == 0 ? "none" : Long.toString(r.limits().tokensPerMinute()));
        concurrency = new SettingField("Max in flight", Integer.toString(r.limits().maxConcurrency()));
        queueWait = new SettingField("Longest queue wait", DurationText.format(r.limits().maxWait()));
    }

    public SettingField connect() { return connect; }
    public SettingField firstToken() { return firstToken; }
    public SettingField stall() { return stall; }
    public SettingField total() { return total; }
    public SettingField attempts() { return attempts; }
    public SettingField breakerThreshold() { return breakerThreshold; }
    public SettingField breakerCoolDown() { return breakerCoolDown; }
    public SettingField tokensPerMinute() { return tokensPerMinute; }
    public SettingField concurrency() { return concurrency; }
    public SettingField queueWait() { return queueWait; }

    List<SettingField> fields() {
        return List.of(connect, firstToken, stall, total, attempts, breakerThreshold, breakerCoolDown, tokensPerMinute, concurrency, queueWait);
    }

    /** The settings the fields describe, applied to {@code c}; null (and the messages set) when one is wrong. */
    ProviderConfig apply(ProviderConfig c) {
        ProviderResilience r = original.resilience();
        Duration connectTimeout = check(connect, () -> positive(connect));
        Duration ttft = check(firstToken, () -> positive(firstToken));
        Duration stallTimeout = check(stall, () -> positive(stall));
        Duration totalTimeout = check(total, () -> none(total.text()) ? Duration.ZERO : positive(total));
        Integer tries = check(attempts, () -> whole(attempts, 1, 20));
        Integer threshold = check(breakerThreshold, () -> whole(breakerThreshold, 1, 1000));
        Duration coolDown = check(breakerCoolDown, () -> positive(breakerCoolDown));
        Long tpm = check(tokensPerMinute, () -> none(tokensPerMinute.text()) ? 0L : (long) whole(tokensPerMinute, 1, Integer.MAX_VALUE));
        Integer inFlight = check(concurrency, () -> whole(concurrency, 1, 10_000));
        Duration wait = check(queueWait, () -> {
            Duration d = duration(queueWait);
            if (d.compareTo(Duration.ofHours(1)) > 0) throw new IllegalArgumentException("at most 1h");
            return d;
        });
        if (connectTimeout == null || ttft == null || stallTimeout == null || totalTimeout == null || tries == null || threshold == null
                || coolDown == null || tpm == null || inFlight == null || wait == null) {
            return null;
        }
        var resilience = new ProviderResilience(
                new ProviderResilience.Retry(tries, r.retry().baseDelay(), r.retry().maxDelay(), r.retry().maxTotal()),
                new ProviderResilience.Breaker(threshold, coolDown),
                new ProviderResilience.Limits(tpm, inFlight, wait, r.limits().models()),
                new ProviderResilience.Timeouts(connectTimeout, totalTimeout));
        return c.withTimeouts(ttft, stallTimeout).withResilience(resilience);
    }

    private static boolean none(String text) {
        String t = text.strip();
        return t.isEmpty() || t.equalsIgnoreCase("none") || t.equals("0");
    }

    private static Duration duration(SettingField f) {
        String t = f.text().strip();
        if (t.isEmpty()) throw new IllegalArgumentException("write a duration, e.g. 250ms, 2s, 5m");
        return DurationText.parse(t);
    }

    private static Duration positive(SettingField f) {
        Duration d = duration(f);
        if (!d.isPositive()) throw new IllegalArgumentException("must be longer than 0");
        if (d.compareTo(Duration.ofDays(1)) > 0) throw new IllegalArgumentException("at most 1d");
        return d;
    }

    private static int whole(SettingField f, int min, int max) {
        try {
            long v = Long.parseLong(f.text().strip());
            if (v < min || v > max) throw new IllegalArgumentException("must be within " + min + ".." + max + ", was " + v);
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + f.text().strip() + "' is not a whole number");
        }
    }
}
