package dev.cachet.engine.experiments.assertions;

/**
 * What one assertion said about one output.
 *
 * @param type     as written ({@code not-contains})
 * @param describe the assertion as a person reads it
 * @param score    0..1 (promptfoo's score; latency and cost give 1 or 0)
 * @param reason   why it passed or failed, or why it was not run
 */
public record AssertionResult(String type, String describe, Status status, double score, double weight, String reason,
                              String metric) {

    public enum Status {
        PASSED, FAILED,
        /** Not run: its type needs a runtime Cachet does not have (javascript, python, webhook ...), named in the results. */
        NOT_RUN
    }

    public boolean passed() { return status == Status.PASSED; }
}
