package dev.cachet.engine.definitions;

/**
 * Something wrong (or worth a look) in a definition file, at a line and column.
 *
 * @param source the file as a person reads it (path, or {@code jar:prompts/x.yaml} for built-ins)
 */
public record Problem(String source, Location at, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() { return severity == Severity.ERROR; }

    /** {@code FILE:LINE:COL: message}, with {@code warning: } before the message of a warning. */
    public String format() {
        return source + ":" + at.line() + ":" + at.column() + ": " + (isError() ? "" : "warning: ") + message;
    }

    /** {@code FILE:LINE:COL: message} without the severity: a problem quoted inside another, which has its own. */
    public String located() { return source + ":" + at.line() + ":" + at.column() + ": " + message; }

    @Override public String toString() { return format(); }
}
