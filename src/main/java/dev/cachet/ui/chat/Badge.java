package dev.cachet.ui.chat;

/** One small label under an answer. {@code kind} picks its style; WARNING marks an answer that was cut or refused. */
public record Badge(String text, Kind kind) {
    /** HIT/MISS: the cache badge; ROUTE: what routing decided (route, complexity); WARNING: cut or refused; PLAIN: the rest. */
    public enum Kind { HIT, MISS, ROUTE, PLAIN, WARNING }
    public static Badge plain(String text) { return new Badge(text, Kind.PLAIN); }
}
