package dev.cachet.ui.experiments;

import dev.cachet.engine.experiments.stats.Analysis;
import dev.cachet.engine.experiments.stats.ArmSummary;
import dev.cachet.engine.experiments.stats.Comparison;
import dev.cachet.engine.experiments.stats.Verdict;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.Locale;
import java.util.function.Function;

/** Tables of an analysis: per arm figures with their 95% intervals, and the tests between arms. */
final class ArmTable {

    private ArmTable() { }

    static TableView<ArmSummary> arms() {
        var t = new TableView<ArmSummary>();
        t.getStyleClass().add("arm-table");
        // widths fit "526 ms  (511 ms–575 ms)" and "$0.000505" whole
        t.getColumns().add(column("Arm", 120, ArmSummary::name));
        t.getColumns().add(column("Cells", 55, s -> Integer.toString(s.cells())));
        t.getColumns().add(column("Pass rate (95%)", 140, s -> rate(s.passRate())));
        t.getColumns().add(column("Latency p50 (95%)", 185, s -> ms(s.latencyMedianMs())));
        t.getColumns().add(column("Mean latency", 100, s -> s.latencyMeanMs().known() ? fmtMs(s.latencyMeanMs().estimate()) : "–"));
        t.getColumns().add(column("Cost", 90, s -> String.format(Locale.ROOT, "$%.6f", s.costTotalUsd())));
        t.getColumns().add(column("Errors", 60, s -> Integer.toString(s.errors())));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        dev.cachet.ui.fx.ReadableColumns.fitHeaders(t);
        t.setPlaceholder(new javafx.scene.control.Label("No results yet: choose a run on the left, or start one (Ctrl+Enter)"));
        return t;
    }

    static TableView<Comparison> comparisons() {
        var t = new TableView<Comparison>();
        t.getColumns().add(column("Metric", 90, c -> c.metric().json()));
        t.getColumns().add(column("A", 160, Comparison::a));
        t.getColumns().add(column("B", 160, Comparison::b));
        t.getColumns().add(column("Test", 160, Comparison::test));
        t.getColumns().add(column("p (Holm)", 110, c -> Verdict.p(c.pAdjusted())));
        t.getColumns().add(column("Significant", 90, c -> c.significant() ? "yes" : "no"));
        t.getColumns().add(column("Better", 160, c -> c.better() == null ? "–" : c.better()));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        dev.cachet.ui.fx.ReadableColumns.fitHeaders(t);
        t.setPlaceholder(new javafx.scene.control.Label("One arm: nothing to compare"));
        return t;
    }

    static void show(Analysis a, TableView<ArmSummary> arms, TableView<Comparison> comparisons) {
        arms.getItems().setAll(a == null ? java.util.List.of() : a.arms());
        if (comparisons != null) comparisons.getItems().setAll(a == null ? java.util.List.of() : a.comparisons());
    }

    static String rate(ArmSummary.Interval i) {
        if (!i.known()) return "–";
        return Verdict.pct(i.estimate()) + "  (" + Verdict.pct(i.low()) + "–" + Verdict.pct(i.high()) + ")";
    }

    static String ms(ArmSummary.Interval i) {
        if (!i.known()) return "–";
        return fmtMs(i.estimate()) + "  (" + fmtMs(i.low()) + "–" + fmtMs(i.high()) + ")";
    }

    static String fmtMs(double v) { return v < 10 ? String.format(Locale.ROOT, "%.2f ms", v) : String.format(Locale.ROOT, "%.0f ms", v); }

    static <S> TableColumn<S, String> column(String title, double width, Function<S, String> value) {
        var c = new TableColumn<S, String>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }
}
