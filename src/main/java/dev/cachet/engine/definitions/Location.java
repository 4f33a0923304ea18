package dev.cachet.engine.definitions;

/** A place in a text file: 1-based line and column. */
public record Location(int line, int column) {

    public static final Location START = new Location(1, 1);

    public Location {
        line = Math.max(1, line);
        column = Math.max(1, column);
    }
}
