package dev.cachet.engine.workload;

/** A malformed workload line; {@link #toString()} is {@code FILE:LINE:COLUMN: what is wrong}. */
public record WorkloadProblem(String source, int line, int column, String message) {
    @Override public String toString() { return source + ":" + line + ":" + column + ": " + message; }
}
