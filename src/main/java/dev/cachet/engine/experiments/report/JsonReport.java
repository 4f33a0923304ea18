package dev.cachet.engine.experiments.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cachet.engine.experiments.TestCase;
import dev.cachet.engine.experiments.assertions.AssertionResult;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.stats.Analysis;
import dev.cachet.engine.experiments.stats.ArmSummary;
import dev.cachet.engine.experiments.stats.Comparison;

/** The run as JSON: the summary line the CLI prints last, and the full export (summary, every cell, its assertions). */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReport() { }

    /** One line: per arm name, cases, passRate (with its interval), latencyP50Ms, costUsd; the comparisons; what could not run; the verdict. */
    public static String summaryLine(RunResults r) { return summary(r, r.analysis()).toString(); }

    public static ObjectNode summary(RunResults r, Analysis a) {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", r.run().id());
        root.put("experiment", r.definition().id());
        root.put("cache", r.definition().cache().name().toLowerCase(java.util.Locale.ROOT));
        root.put("status", r.run().statusAt(java.time.Instant.now()).name().toLowerCase(java.util.Locale.ROOT));
        root.put("cells", r.cells().size());
        root.put("totalCells", r.run().totalCells());
        ArrayNode arms = root.putArray("variants");
        for (ArmSummary s : a.arms()) {
            ObjectNode n = arms.addObject();
            n.put("name", s.name());
            n.put("cases", r.definition().cases().size());
            n.put("cells", s.cells());
            n.put("scored", s.scored());
            number(n, "passRate", s.passRate().estimate());
            number(n, "passRateLow", s.passRate().low());
            number(n, "passRateHigh", s.passRate().high());
            number(n, "latencyP50Ms", s.latencyMedianMs().estimate());
            number(n, "latencyP50LowMs", s.latencyMedianMs().low());
            number(n, "latencyP50HighMs", s.latencyMedianMs().high());
            number(n, "latencyMeanMs", s.latencyMeanMs().estimate());
            n.put("costUsd", round(s.costTotalUsd()));
            number(n, "costMedianUsd", s.costMedianUsd().estimate());
            n.put("errors", s.errors());
        }
        ArrayNode cs = root.putArray("comparisons");
        for (Comparison c : a.comparisons()) {
            ObjectNode n = cs.addObject();
            n.put("a", c.a());
            n.put("b", c.b());
            n.put("metric", c.metric().json());
            n.put("test", c.test());
            n.put("pValue", round(c.pAdjusted()));
            n.put("pValueRaw", round(c.pValue()));
            n.put("significant", c.significant());
            if (c.better() != null) n.put("better", c.better()); else n.putNull("better");
        }
        ArrayNode notRun = root.putArray("unsupportedAssertions");
        a.notRun().keySet().forEach(notRun::add);
        root.put("verdict", a.verdict());
        return root;
    }

    /** The whole run: the summary, then every cell with its case, output, verdict and assertions. */
    public static String full(RunResults r) {
        ObjectNode root = summary(r, r.analysis());
        root.put("source", r.definition().source());
        root.put("seed", r.definition().seed());
        ArrayNode cells = root.putArray("results");
        var arms = r.definition().arms();
        for (CellRecord c : r.cells()) {
            TestCase tc = r.definition().cases().get(c.caseIndex());
            ObjectNode n = cells.addObject();
            n.put("variant", arms.get(c.arm()).name());
            n.put("case", c.caseIndex() + 1);
            n.put("description", tc.title());
            n.set("vars", JSON.valueToTree(tc.vars()));
            if (tc.expected() != null) n.put("expected", tc.expected());
            n.put("repetition", c.rep() + 1);
            n.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
            n.put("score", round(c.score()));
            n.put("reason", c.reason());
            n.put("output", c.output());
            n.put("latencyMs", round(c.latencyMs()));
            if (c.ttftMs() != null) n.put("ttftMs", round(c.ttftMs()));
            n.put("tokensIn", c.tokensIn());
            n.put("tokensOut", c.tokensOut());
            n.put("costUsd", round(c.costUsd()));
            n.put("source", c.source());
            ArrayNode as = n.putArray("assertions");
            for (AssertionResult ar : c.assertions()) {
                ObjectNode x = as.addObject();
                x.put("type", ar.type());
                x.put("assertion", ar.describe());
                x.put("status", ar.status().name().toLowerCase(java.util.Locale.ROOT));
                x.put("score", round(ar.score()));
                x.put("weight", ar.weight());
                x.put("reason", ar.reason());
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) n.putNull(key); else n.put(key, round(v));
    }

    static double round(double v) { return Double.isNaN(v) ? v : Math.round(v * 1e6) / 1e6; }
}
