package dev.cachet.ui.dashboard;

import javafx.util.StringConverter;

import java.util.Locale;

/**
 * Value-axis tick labels a person reads at a glance. ChartFX's default switches to exponents on a
 * wide range ("1E5", "0E0"); a time chart whose values run from microseconds (a heuristic route) to
 * tens of milliseconds (an LLM fallback) gets durations instead ("20 µs", "50 ms", "1.5 s"), and any
 * other chart plain figures ("25", "1,200", "0.02").
 */
final class AxisLabels {

    private AxisLabels() { }

    /** The labels for a chart of {@code unit} ("µs", "ms", "req/s", ...). */
    static StringConverter<Number> forUnit(String unit) {
        return switch (unit) {
            case "µs", "us" -> converter(v -> duration(v));
            case "ms" -> converter(v -> duration(v * 1_000));
            case "s" -> converter(v -> duration(v * 1_000_000));
            default -> converter(AxisLabels::plain);
        };
    }

    /** Plain figures without exponents: the time axis ("-3,600" seconds over "since start"). */
    static StringConverter<Number> plainFigures() { return converter(AxisLabels::plain); }

    /** Whether the tick labels carry the unit themselves (the title then leaves it out). */
    static boolean labelsCarryUnit(String unit) {
        return switch (unit) {
            case "µs", "us", "ms", "s" -> true;
            default -> false;
        };
    }

    static String duration(double micros) {
        double a = Math.abs(micros);
        if (a < 0.0005) return "0";
        if (a < 1_000) return plain(micros) + " µs";
        if (a < 1_000_000) return plain(micros / 1_000) + " ms";
        return plain(micros / 1_000_000) + " s";
    }

    static String plain(double v) {
        double a = Math.abs(v);
        if (a < 1e-9) return "0";
        if (a >= 1_000) return String.format(Locale.ROOT, "%,.0f", v);
        String s = String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    private static StringConverter<Number> converter(java.util.function.DoubleFunction<String> format) {
        return new StringConverter<>() {
            @Override public String toString(Number n) { return n == null ? "" : format.apply(n.doubleValue()); }
            @Override public Number fromString(String s) { throw new UnsupportedOperationException("tick labels are not parsed"); }
        };
    }
}
