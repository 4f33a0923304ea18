package dev.cachet.engine.provider.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses the Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
public final class RetryAfter {

    private RetryAfter() { }

    /** The advised wait, never negative; null when the value is absent or unreadable. */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) return null;
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** OpenAI also sends {@code retry-after-ms}; prefer it when present. */
    public static Duration fromHeaders(Exchange.HttpRefusal refusal, Instant now) {
        String ms = refusal.header("retry-after-ms");
        if (ms != null) {
            try {
                double m = Double.parseDouble(ms.strip());
                if (m >= 0) return Duration.ofMillis(Math.round(m));
            } catch (NumberFormatException ignored) { /* fall through to Retry-After */ }
        }
        return parse(refusal.header("retry-after"), now);
    }
}
