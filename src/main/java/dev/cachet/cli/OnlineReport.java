package dev.cachet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cachet.engine.semantic.eval.OnlineEvaluation;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** What {@code eval-cache --online} prints: a line per seed, then one JSON line (medians over the seeds). */
final class OnlineReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnlineReport() { }

    static void line(OnlineEvaluation.Report r) {
        System.out.printf("seed %d (δ %.3f): hindsight cosine %.3f → hit %.3f / false %.4f%n", r.seed(), r.delta(),
                r.hindsight().threshold(), r.hindsight().hitRate(), r.hindsight().falseHitRate());
        for (var run : List.of(r.learned(), r.fixedPolicy(), r.baseline())) {
            System.out.printf("  %-8s hit %.3f  false %.4f  explore %.3f | second half: hit %.3f  false %.4f  explore %.3f%n",
                    run.rule(), run.whole().hitRate(), run.whole().falseHitRate(), run.whole().exploreRate(),
                    run.secondHalf().hitRate(), run.secondHalf().falseHitRate(), run.secondHalf().exploreRate());
        }
        System.out.println("  learned state: " + r.finalCalibration().describe());
    }

    static String json(List<OnlineEvaluation.Report> reports, String embedder, String split, String file) {
        ObjectNode root = JSON.createObjectNode();
        OnlineEvaluation.Report first = reports.getFirst();
        root.put("mode", "online");
        root.put("file", file);
        root.put("split", split);
        root.put("embedder", embedder);
        root.put("delta", first.delta());
        root.put("pairs", first.learned().whole().lookups() + first.exactHits());
        root.put("exactHits", first.exactHits());  // answered by the exact cache: left out of every rate below
        if (reports.size() == 1) root.put("seed", first.seed());
        else root.put("seeds", reports.size());
        rates(root, reports, OnlineEvaluation.Report::learned);
        // the bound is over each stream, not only their median: how many seeds broke it, and by how much at worst
        num(root, "worstFalseHitRate", round(reports.stream().mapToDouble(r -> r.learned().whole().falseHitRate()).max().orElseThrow()));
        root.put("seedsAboveBound", reports.stream().filter(r -> r.learned().whole().falseHitRate() > r.delta()).count());
        num(root, "serveAtMedian", round(median(reports, r -> r.finalCalibration().serveAt() > 1 ? Double.NaN : r.finalCalibration().serveAt())));
        num(root, "falseHitEstimateMedian", round(median(reports, r -> r.finalCalibration().estimate().mean())));
        num(root, "falseHitEstimateHighMedian", round(median(reports, r -> r.finalCalibration().estimate().high())));
        rates(root.putObject("policy"), reports, OnlineEvaluation.Report::fixedPolicy);
        ObjectNode base = root.putObject("baseline");
        base.put("threshold", first.baseline().threshold());
        rates(base, reports, OnlineEvaluation.Report::baseline);
        ObjectNode h = root.putObject("hindsight");
        num(h, "threshold", round(first.hindsight().threshold()));
        num(h, "hitRate", round(first.hindsight().hitRate()));
        num(h, "falseHitRate", round(first.hindsight().falseHitRate()));
        h.put("maxFalseHitRate", first.hindsight().bound());
        if (reports.size() > 1) {
            var arr = root.putArray("runs");
            for (var r : reports) {
                ObjectNode o = arr.addObject();
                o.put("seed", r.seed());
                num(o, "hitRate", round(r.learned().whole().hitRate()));
                num(o, "falseHitRate", round(r.learned().whole().falseHitRate()));
                num(o, "exploreRate", round(r.learned().whole().exploreRate()));
                num(o, "secondHalfHitRate", round(r.learned().secondHalf().hitRate()));
                num(o, "secondHalfFalseHitRate", round(r.learned().secondHalf().falseHitRate()));
            }
        }
        return root.toString();
    }

    private static void rates(ObjectNode node, List<OnlineEvaluation.Report> reports,
                              java.util.function.Function<OnlineEvaluation.Report, OnlineEvaluation.Run> pick) {
        num(node, "hitRate", round(median(reports, r -> pick.apply(r).whole().hitRate())));
        num(node, "falseHitRate", round(median(reports, r -> pick.apply(r).whole().falseHitRate())));
        num(node, "exploreRate", round(median(reports, r -> pick.apply(r).whole().exploreRate())));
        ObjectNode half = node.putObject("secondHalf");
        num(half, "hitRate", round(median(reports, r -> pick.apply(r).secondHalf().hitRate())));
        num(half, "falseHitRate", round(median(reports, r -> pick.apply(r).secondHalf().falseHitRate())));
        num(half, "exploreRate", round(median(reports, r -> pick.apply(r).secondHalf().exploreRate())));
    }

    private static double median(List<OnlineEvaluation.Report> reports, ToDoubleFunction<OnlineEvaluation.Report> f) {
        double[] v = reports.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** JSON has no NaN: an unknown figure is null. */
    private static void num(ObjectNode node, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) node.putNull(field);
        else node.put(field, v);
    }

    private static double round(double v) { return Double.isNaN(v) ? Double.NaN : Math.round(v * 10_000) / 10_000.0; }
}
