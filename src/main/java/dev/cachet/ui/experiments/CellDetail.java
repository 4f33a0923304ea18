package dev.cachet.ui.experiments;

import dev.cachet.engine.experiments.TestCase;
import dev.cachet.engine.experiments.assertions.AssertionResult;
import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.run.TraceJson;

import java.util.List;
import java.util.Locale;

/**
 * One cell opened: the case, the arm, the output, each assertion's result and reason, the figures and
 * the trace as text; or, before it has finished, just where it stands.
 */
public record CellDetail(int arm, int caseIndex, int rep, String armName, TestCase testCase, CellRecord record, String trace) {

    public static CellDetail of(RunResults r, int arm, int caseIndex, int rep) {
        CellRecord c = r.cell(arm, caseIndex, rep);
        String trace = c == null || c.trace() == null || c.trace().isBlank() ? "" : TraceJson.read(c.trace()).format();
        return new CellDetail(arm, caseIndex, rep, r.definition().arms().get(arm).name(), r.definition().cases().get(caseIndex), c, trace);
    }

    public boolean finished() { return record != null; }

    public String title() {
        return armName + " · " + testCase.title() + (rep > 0 ? " · repetition " + (rep + 1) : "");
    }

    public String output() { return record == null ? "" : record.output(); }

    public List<AssertionResult> assertions() { return record == null ? List.of() : record.assertions(); }

    /** "passed · 412 ms · TTFT 80 ms · 31→120 tokens · $0.000140 · model call". */
    public String figures() {
        if (record == null) return "not finished yet";
        var sb = new StringBuilder(record.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        sb.append(String.format(Locale.ROOT, " · %.0f ms", record.latencyMs()));
        if (record.ttftMs() != null) sb.append(String.format(Locale.ROOT, " · TTFT %.0f ms", record.ttftMs()));
        sb.append(" · ").append(record.tokensIn()).append("→").append(record.tokensOut()).append(" tokens");
        sb.append(String.format(Locale.ROOT, " · $%.6f · %s", record.costUsd(), record.source()));
        return sb.toString();
    }

    /** Why the cell passed or failed (the verdict's reason, or the error). */
    public String reason() { return record == null || record.reason() == null ? "" : record.reason(); }
}
