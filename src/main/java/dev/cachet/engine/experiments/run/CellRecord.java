package dev.cachet.engine.experiments.run;

import dev.cachet.engine.experiments.assertions.AssertionResult;

import java.util.List;

/**
 * One finished cell: an arm's answer to one case in one repetition, with its verdict, timings, cost and
 * trace.
 *
 * @param status  passed, failed, not_scored (no assertion could run) or error (the call failed; a resume retries it)
 * @param reason  the verdict's reason, or the error
 * @param source  where the answer came from ("model call", "exact hit", ...), or "error"
 * @param trace   the request's trace as JSON ({@link TraceJson})
 */
public record CellRecord(long runId, int arm, int caseIndex, int rep, Status status, String output, double score, String reason,
                         double latencyMs, Double ttftMs, int tokensIn, int tokensOut, double costUsd, String source, String finish,
                         List<AssertionResult> assertions, String trace, long finishedMs) {

    public enum Status {
        PASSED, FAILED, NOT_SCORED, ERROR;

        /** Counts in a pass rate. */
        public boolean scored() { return this == PASSED || this == FAILED; }
    }

    public CellRecord { assertions = List.copyOf(assertions); }

    public CellKey key() { return new CellKey(arm, caseIndex, rep); }

    /** Where a cell stands in its run. */
    public record CellKey(int arm, int caseIndex, int rep) { }
}
