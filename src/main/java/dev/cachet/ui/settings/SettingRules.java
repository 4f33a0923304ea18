package dev.cachet.ui.settings;

import dev.cachet.engine.config.DurationText;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses setting text as people type it; a bad value throws with the message shown next to the field,
 * which says what to write instead. Messages never repeat a value typed into a key-variable field:
 * a pasted key must not end up on screen twice.
 */
final class SettingRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kib|kb|k|mib|mb|m|gib|gb|g)?");

    private SettingRules() { }

    static String id(String text) {
        String t = text.strip();
        if (t.isEmpty()) throw new IllegalArgumentException("id is required");
        if (!ID.matcher(t).matches()) throw new IllegalArgumentException("id may hold letters, digits, '.', '_' and '-' only");
        if (t.equals("simulator")) throw new IllegalArgumentException("'simulator' is the built-in simulator's id: pick another");
        return t;
    }

    static String baseUrl(String text) {
        String t = text.strip();
        if (!t.startsWith("http://") && !t.startsWith("https://")) {
            throw new IllegalArgumentException("base URL must start with http:// or https://");
        }
        URI uri;
        try {
            uri = URI.create(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base URL is not a valid URL (spaces or stray characters?)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) throw new IllegalArgumentException("base URL has no host name");
        return t;
    }

    /** Empty = no key needed (local servers). */
    static String keyEnv(String text) {
        String t = text.strip();
        if (t.isEmpty()) return null;
        if (!ENV_NAME.matcher(t).matches()) {
            throw new IllegalArgumentException("write the NAME of an environment variable (e.g. OPENAI_API_KEY), not the key itself");
        }
        return t;
    }

    static String model(String text) {
        String t = text.strip();
        if (t.isEmpty()) throw new IllegalArgumentException("default model is required: pick one after Test connection, or type its name");
        return t;
    }

    static double requestsPerSecond(String text) {
        String t = text.strip();
        if (t.isEmpty()) return 0;
        double v = number(t, "requests/s '" + t + "': write a number, 0 = no limit");
        if (v < 0) throw new IllegalArgumentException("requests/s must not be negative (0 = no limit)");
        return v;
    }

    static Duration timeToFirstToken(String text) {
        Duration d = duration(text, "TTFT");
        if (d.isNegative()) throw new IllegalArgumentException("TTFT must not be negative");
        return d;
    }

    static Duration ttl(String text) {
        Duration d = duration(text, "TTL");
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("TTL must be longer than 0");
        return d;
    }

    static double tokensPerSecond(String text) {
        String t = text.strip();
        double v = number(t, "tokens/s '" + t + "': write a number, 0 = all at once");
        if (v < 0) throw new IllegalArgumentException("tokens/s must not be negative (0 = all at once)");
        return v;
    }

    /** "0.05" or "5%". */
    static double share(String text, String what) {
        String t = text.strip();
        String hint = what + " '" + t + "': write a share from 0 to 1, e.g. 0.05 or 5%";
        double v = t.endsWith("%") ? number(t.substring(0, t.length() - 1).strip(), hint) / 100 : number(t, hint);
        if (v < 0 || v > 1) throw new IllegalArgumentException(hint);
        return v;
    }

    /** The semantic error bound δ: "2%" or "0.02", above 0 and below 100%. */
    static double errorBound(String text) {
        String t = text.strip();
        String hint = "error bound '" + t + "': write the share of wrong semantic hits you accept, above 0 and below 100%, e.g. 2% or 0.02";
        double v = t.endsWith("%") ? number(t.substring(0, t.length() - 1).strip(), hint) / 100 : number(t, hint);
        if (!(v > 0 && v < 1)) throw new IllegalArgumentException(hint);
        return v;
    }

    /** The semantic entry cap: a whole number of at least 1; "50000", "50,000" or "50 000". */
    static int maxEntries(String text) {
        String t = text.strip();
        String hint = "semantic entries '" + t + "': write the most entries to keep, a whole number of at least 1, e.g. 50000";
        String digits = t.replace(",", "").replace("_", "").replace(" ", "");
        if (!digits.matches("\\d{1,10}")) throw new IllegalArgumentException(hint);
        long v = Long.parseLong(digits);
        if (v < 1 || v > Integer.MAX_VALUE) throw new IllegalArgumentException(hint);
        return (int) v;
    }

    /** 0.02 as "2%", 0.005 as "0.5%". */
    static String formatPercent(double share) {
        double pct = Math.round(share * 100_000) / 1000.0;
        return formatNumber(pct) + "%";
    }

    /** "64 MiB", "512 KiB", "1 GiB", "65536" (bytes) — binary units whether written MB or MiB. */
    static long size(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        var m = SIZE.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("L1 size '" + text.strip() + "': write e.g. 64 MiB, 512 KiB or 1 GiB");
        String unit = m.group(2) == null ? "b" : m.group(2);
        long scale = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        long bytes = Math.round(Double.parseDouble(m.group(1)) * scale);
        if (bytes < 1024) throw new IllegalArgumentException("L1 size must be at least 1 KiB");
        return bytes;
    }

    static String formatSize(long bytes) {
        if (bytes % (1L << 30) == 0) return (bytes >> 30) + " GiB";
        if (bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes % (1L << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " B";
    }

    static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static Duration duration(String text, String what) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " '" + text.strip() + "': write e.g. 250ms, 2s, 5m, 1h, 7d");
        }
    }

    private static double number(String t, String message) {
        try {
            double v = Double.parseDouble(t);
            if (Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message);
        }
    }

    /** data.url: "sample", "none", a JDBC URL, or an existing SQLite file (relative to the data dir). */
    static String database(String text, java.nio.file.Path dataDir) {
        String t = text.strip();
        if (t.isEmpty()) throw new IllegalArgumentException("write sample, none, a SQLite file or a JDBC URL");
        if (t.equals("sample") || t.equals("none")) return t;
        if (t.startsWith("jdbc:")) {
            if (t.indexOf(':', 5) < 0) throw new IllegalArgumentException("a JDBC URL looks like jdbc:postgresql://host:5432/db");
            return t;
        }
        java.nio.file.Path file = dataDir.resolve(t);
        if (!java.nio.file.Files.isRegularFile(file)) throw new IllegalArgumentException("no file at " + file);
        return t;
    }

    /** A tier's model: empty (leave the model alone) or provider/model with a configured provider. */
    static String tier(String text, java.util.Set<String> providers) {
        String t = text.strip();
        if (t.isEmpty()) return null;
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) throw new IllegalArgumentException("write provider/model, e.g. simulator/sim-large");
        String provider = t.substring(0, slash);
        if (!providers.contains(provider)) {
            throw new IllegalArgumentException("no provider '" + provider + "' here (known: " + String.join(", ", providers) + ")");
        }
        return t;
    }

    /** The router's confidence threshold, 0..1. */
    static double confidence(String text) { return share(text, "confidence threshold"); }
}
