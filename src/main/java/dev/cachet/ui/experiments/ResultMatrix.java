package dev.cachet.ui.experiments;

import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.TestCase;
import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.run.CellRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * A run as a table a person scans: one row per case, one column per arm; each cell sums that case's
 * repetitions on that arm (passed of scored, failures, errors, not finished).
 */
public record ResultMatrix(List<String> arms, List<Row> rows) {

    public ResultMatrix {
        arms = List.copyOf(arms);
        rows = List.copyOf(rows);
    }

    /** One case across the arms. */
    public record Row(TestCase testCase, List<Cell> cells) {
        public Row { cells = List.copyOf(cells); }
    }

    /** One case on one arm, over its repetitions. */
    public record Cell(int arm, int caseIndex, int repeat, int passed, int failed, int notScored, int errors) {

        public enum Verdict { PENDING, PASSED, FAILED, MIXED, ERROR, NOT_SCORED }

        public int finished() { return passed + failed + notScored + errors; }

        public Verdict verdict() {
            if (finished() == 0) return Verdict.PENDING;
            if (errors > 0 && passed + failed == 0) return Verdict.ERROR;
            if (passed + failed == 0) return Verdict.NOT_SCORED;
            if (failed == 0) return Verdict.PASSED;
            return passed == 0 ? Verdict.FAILED : Verdict.MIXED;
        }

        /** "pass", "fail", "2/3", "error", "…". */
        public String label() {
            return switch (verdict()) {
                case PENDING -> "…";
                case PASSED -> repeat > 1 ? passed + "/" + (passed + failed) : "pass";
                case FAILED -> repeat > 1 ? "0/" + failed : "fail";
                case MIXED -> passed + "/" + (passed + failed);
                case ERROR -> "error";
                case NOT_SCORED -> "not scored";
            };
        }
    }

    public static ResultMatrix of(RunResults r) {
        ExperimentDefinition d = r.definition();
        int arms = d.arms().size();
        int[][][] counts = new int[d.cases().size()][arms][4];
        for (CellRecord c : r.cells()) {
            if (c.caseIndex() >= counts.length || c.arm() >= arms) continue;
            counts[c.caseIndex()][c.arm()][c.status().ordinal()]++;
        }
        var rows = new ArrayList<Row>();
        for (TestCase t : d.cases()) {
            var cells = new ArrayList<Cell>();
            for (int a = 0; a < arms; a++) {
                int[] n = counts[t.index()][a];
                cells.add(new Cell(a, t.index(), d.repeat(), n[CellRecord.Status.PASSED.ordinal()], n[CellRecord.Status.FAILED.ordinal()],
                        n[CellRecord.Status.NOT_SCORED.ordinal()], n[CellRecord.Status.ERROR.ordinal()]));
            }
            rows.add(new Row(t, cells));
        }
        return new ResultMatrix(d.arms().stream().map(ExperimentDefinition.Arm::name).toList(), rows);
    }
}
