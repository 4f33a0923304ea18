package dev.cachet.engine.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Durations as people write them in config: "250ms", "1.5s", "2m", "1h", "7d", or ISO-8601 "PT2S". */
public final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private DurationText() { }

    public static Duration parse(String text) {
        String t = text.strip().toLowerCase();
        var m = SIMPLE.matcher(t);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            double millis = switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 86_400_000;
            };
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        }
        try {
            return Duration.parse(text.strip().toUpperCase());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 250ms, 2s, 5m, 1h, 7d)");
        }
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
        if (ms % 1_000 == 0 && ms > 0) return ms / 1_000 + "s";
        return ms + "ms";
    }
}
