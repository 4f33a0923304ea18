package dev.cachet.engine.experiments.report;

import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.TestCase;
import dev.cachet.engine.experiments.assertions.AssertionResult;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.run.ExperimentStore;
import dev.cachet.engine.experiments.run.RunRecord;
import dev.cachet.engine.experiments.stats.Analysis;
import dev.cachet.engine.experiments.stats.Sample;
import dev.cachet.engine.experiments.stats.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A stored run with its definition, cells and analysis: what the CLI prints, the pane shows and the reports export. */
public record RunResults(RunRecord run, ExperimentDefinition definition, List<CellRecord> cells, Analysis analysis) {

    public RunResults { cells = List.copyOf(cells); }

    public static RunResults load(ExperimentStore store, long runId) {
        RunRecord run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no experiment run " + runId));
        return of(run, store.definition(runId), store.cells(runId));
    }

    public static RunResults of(RunRecord run, ExperimentDefinition d, List<CellRecord> cells) {
        var arms = new ArrayList<Statistics.Arm>();
        for (ExperimentDefinition.Arm arm : d.arms()) arms.add(new Statistics.Arm(arm.name(), samples(d, cells, arm.index(), false)));
        return new RunResults(run, d, cells, Statistics.analyze(arms, notRun(cells), d.seed()));
    }

    /**
     * This run's arms beside an earlier run's (named {@code #ID arm}): paired by case content and repetition
     * when both ran the same cases, unpaired otherwise.
     */
    public Analysis compareWith(RunResults earlier) {
        var arms = new ArrayList<Statistics.Arm>();
        for (RunResults r : List.of(earlier, this)) {
            for (ExperimentDefinition.Arm arm : r.definition().arms()) {
                arms.add(new Statistics.Arm("#" + r.run().id() + " " + arm.name(), samples(r.definition(), r.cells(), arm.index(), true)));
            }
        }
        var notRun = new TreeMap<String, Integer>(notRun(cells));
        notRun(earlier.cells()).forEach((k, v) -> notRun.merge(k, v, Integer::sum));
        return Statistics.analyze(arms, notRun, definition.seed());
    }

    static List<Sample> samples(ExperimentDefinition d, List<CellRecord> cells, int arm, boolean byContent) {
        var out = new ArrayList<Sample>();
        for (CellRecord c : cells) {
            if (c.arm() != arm) continue;
            String key = (byContent ? contentKey(d.cases().get(c.caseIndex())) : Integer.toString(c.caseIndex())) + ":" + c.rep();
            boolean answered = c.status() != CellRecord.Status.ERROR;
            Boolean pass = c.status().scored() ? c.status() == CellRecord.Status.PASSED : null;
            out.add(new Sample(key, pass, c.latencyMs(), c.costUsd(), answered));
        }
        return out;
    }

    private static String contentKey(TestCase c) { return c.vars() + "\u0000" + c.expected(); }

    /** Assertion types that could not run, by type (without {@code not-}), with how many times. */
    static Map<String, Integer> notRun(List<CellRecord> cells) {
        var out = new TreeMap<String, Integer>();
        for (CellRecord c : cells) {
            for (AssertionResult r : c.assertions()) {
                if (r.status() == AssertionResult.Status.NOT_RUN) out.merge(r.type().startsWith("not-") ? r.type().substring(4) : r.type(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** The cell of an arm, case and repetition, or null when it has not finished. */
    public CellRecord cell(int arm, int caseIndex, int rep) {
        for (CellRecord c : cells) if (c.arm() == arm && c.caseIndex() == caseIndex && c.rep() == rep) return c;
        return null;
    }
}
