package dev.cachet.engine.templates;

import dev.cachet.engine.definitions.Location;

/**
 * Maps a line and column inside a message text to the line and column in its YAML file, so a Jinja
 * error points at the file. Exact for {@code |} and {@code >} blocks (the usual way to write a
 * prompt), where text line k sits k lines below the indicator at the block's indentation; for a text
 * on the key's line, line k sits k-1 lines below its start.
 */
final class TextPlaces {

    private final String[] lines;

    TextPlaces(String fileText) { this.lines = fileText.split("\n", -1); }

    Location locate(TemplateText text, int line, int column) {
        Location start = text.at();
        if (!text.block()) {
            int fileLine = start.line() + line - 1;
            int col = line == 1 ? start.column() + column - 1 + (quoted(start) ? 1 : 0) : column;
            return new Location(fileLine, col);
        }
        int fileLine = start.line() + line;
        return new Location(fileLine, indentOf(fileLine) + column);
    }

    private boolean quoted(Location at) {
        String l = lineText(at.line());
        int i = at.column() - 1;
        return i < l.length() && (l.charAt(i) == '"' || l.charAt(i) == '\'');
    }

    /** The block's indentation: that of its first non-blank line at or after {@code fileLine}. */
    private int indentOf(int fileLine) {
        for (int n = fileLine; n <= lines.length; n++) {
            String l = lineText(n);
            if (l.isBlank()) continue;
            int i = 0;
            while (i < l.length() && l.charAt(i) == ' ') i++;
            return i;
        }
        return 0;
    }

    private String lineText(int n) { return n >= 1 && n <= lines.length ? lines[n - 1] : ""; }
}
