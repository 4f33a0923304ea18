package dev.cachet.engine.experiments.assertions;

import java.util.List;

/**
 * A case's verdict on one output: promptfoo's rules. The score is the weighted mean of the scores of the
 * assertions that ran; the case passes when every one of them passed (weight 0 never fails it), or, with
 * a threshold, when the score reaches it. A case none of whose assertions could run is not scored.
 */
public record CaseVerdict(Status status, double score, String reason, List<AssertionResult> results) {

    public enum Status { PASSED, FAILED, NOT_SCORED }

    public CaseVerdict { results = List.copyOf(results); }

    public static CaseVerdict of(List<AssertionResult> results, Double threshold) {
        double total = 0;
        double weights = 0;
        String failed = null;
        boolean any = false;
        for (AssertionResult r : results) {
            if (r.status() == AssertionResult.Status.NOT_RUN) continue;
            any = true;
            total += r.score() * r.weight();
            weights += r.weight();
            if (!r.passed() && r.weight() > 0 && failed == null) failed = r.reason();
        }
        if (!any) {
            String why = results.isEmpty() ? "no assertions" : "none of its assertions could run";
            return new CaseVerdict(Status.NOT_SCORED, 0, why, results);
        }
        double score = weights > 0 ? total / weights : 0;
        if (threshold != null) {
            boolean pass = score >= threshold;
            return new CaseVerdict(pass ? Status.PASSED : Status.FAILED, score,
                    String.format(java.util.Locale.ROOT, "score %.2f %s threshold %s", score, pass ? "≥" : "<", threshold), results);
        }
        return failed == null ? new CaseVerdict(Status.PASSED, score, "all assertions passed", results)
                : new CaseVerdict(Status.FAILED, score, failed, results);
    }
}
